import {
  ZClosedPosition,
  ZClosePositionResponse,
  ZOrder,
  ZPosition,
  ZStateResponse,
  type TClosedPosition,
  type TModifyOrderInput,
  type TOpenPositionInput,
  type TOrder,
  type TPlaceOrderInput,
} from "@repo/shared-types/api";
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Balances, open positions and the account summary; the socket's account:state keeps it live. */
export const stateQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.state,
    queryFn: () => api.request("/api/v1/state", ZStateResponse),
    // Safety net only: the socket pushes every change.
    refetchInterval: 15_000,
  });

/** Closed positions, newest first; the socket's position:closed prepends to it. */
export const historyQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.history,
    queryFn: () => api.request("/api/v1/positions/history?limit=50", z.array(ZClosedPosition)),
  });

export function openPosition(api: ApiClient, body: TOpenPositionInput) {
  return api.request("/api/v1/positions/open", ZPosition, { method: "POST", body });
}

export function closePosition(api: ApiClient, positionId: string) {
  return api.request("/api/v1/positions/close", ZClosePositionResponse, { method: "POST", body: { positionId } });
}

/** Puts a closed position at the top of the history, once, whichever of REST or socket reports it first. */
export function prependClosed(history: TClosedPosition[] | undefined, closed: TClosedPosition): TClosedPosition[] | undefined {
  if (!history) return history;
  return [closed, ...history.filter((p) => p.positionId !== closed.positionId)];
}

/** Orders in every status, newest change first; order:updated refetches it. */
export const orderHistoryQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.orderHistory,
    queryFn: () => api.request("/api/v1/orders/history?limit=50", z.array(ZOrder)),
  });

export function placeOrder(api: ApiClient, body: TPlaceOrderInput) {
  return api.request("/api/v1/orders", ZOrder, { method: "POST", body });
}

export function modifyOrder(api: ApiClient, orderId: string, body: TModifyOrderInput) {
  return api.request(`/api/v1/orders/${encodeURIComponent(orderId)}`, ZOrder, { method: "PATCH", body });
}

export function cancelOrder(api: ApiClient, orderId: string) {
  return api.request(`/api/v1/orders/${encodeURIComponent(orderId)}`, ZOrder, { method: "DELETE" });
}

/** Puts an order's latest version at the top of the order history, once. */
export function upsertOrder(history: TOrder[] | undefined, order: TOrder): TOrder[] | undefined {
  if (!history) return history;
  return [order, ...history.filter((o) => o.orderId !== order.orderId)];
}
