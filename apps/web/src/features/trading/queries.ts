import {
  type TClosedPosition,
  type TModifyOrderInput,
  type TOpenPositionInput,
  type TOrder,
  type TPlaceOrderInput,
} from "@repo/shared-types/api";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Balances, open positions and the account summary; the socket's account:state keeps it live. */
export const stateQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.state,
    queryFn: () => api.state(),
    // Safety net only: the socket pushes every change.
    refetchInterval: 15_000,
  });

/** Closed positions, newest first; the socket's position:closed prepends to it. */
export const historyQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.history,
    queryFn: () => api.history({ limit: 50 }),
  });

export function openPosition(api: ApiClient, body: TOpenPositionInput) {
  return api.openPosition(body);
}

export function closePosition(api: ApiClient, positionId: string) {
  return api.closePosition({ positionId });
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
    queryFn: () => api.orders.history({ limit: 50 }),
  });

export function placeOrder(api: ApiClient, body: TPlaceOrderInput) {
  return api.orders.place(body);
}

export function modifyOrder(api: ApiClient, orderId: string, body: TModifyOrderInput) {
  return api.orders.modify(orderId, body);
}

export function cancelOrder(api: ApiClient, orderId: string) {
  return api.orders.cancel(orderId);
}

/** Puts an order's latest version at the top of the order history, once. */
export function upsertOrder(history: TOrder[] | undefined, order: TOrder): TOrder[] | undefined {
  if (!history) return history;
  return [order, ...history.filter((o) => o.orderId !== order.orderId)];
}
