import {
  ZClosedPosition,
  ZClosePositionResponse,
  ZOrder,
  ZPosition,
  ZStateResponse,
  type TClosedPosition,
  type TCloseReason,
  type TModifyOrderInput,
  type TOpenPositionInput,
  type TOrder,
  type TPlaceOrderInput,
} from "@repo/shared-types/api";
import type { TAsset } from "@repo/shared-types/market";
import { infiniteQueryOptions, queryOptions, type InfiniteData } from "@tanstack/react-query";
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

/** What the history table shows: every close, or those of one asset and/or reason. */
export interface THistoryFilter {
  asset?: TAsset;
  reason?: TCloseReason;
}

const HISTORY_PAGE = 50;

function historyParams(filter: THistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.asset) params.set("asset", filter.asset);
  if (filter.reason) params.set("reason", filter.reason);
  return params;
}

/**
 * Closed positions, newest first, 50 a page: the next page is the closes before the oldest one
 * shown (`before`; the server never splits one instant's closes). position:closed prepends.
 */
export const historyQuery = (api: ApiClient, filter: THistoryFilter = {}) =>
  infiniteQueryOptions({
    queryKey: queryKeys.account.historyFiltered(filter),
    queryFn: ({ pageParam }) => {
      const params = historyParams(filter);
      params.set("limit", String(HISTORY_PAGE));
      if (pageParam !== null) params.set("before", String(pageParam));
      return api.request(`/api/v1/positions/history?${params.toString()}`, z.array(ZClosedPosition));
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last: TClosedPosition[]) => (last.length < HISTORY_PAGE ? null : (last.at(-1)?.closedAt ?? null)),
  });

/** The same filter's rows as the server's CSV. */
export function historyCsv(api: ApiClient, filter: THistoryFilter): Promise<string> {
  const params = historyParams(filter).toString();
  return api.requestText(`/api/v1/positions/history.csv${params ? `?${params}` : ""}`);
}

/** prependClosed for the paged history of `filter`, skipping a close the filter hides. */
export function prependClosedPages(
  data: InfiniteData<TClosedPosition[], number | null> | undefined,
  closed: TClosedPosition,
  filter: THistoryFilter,
): InfiniteData<TClosedPosition[], number | null> | undefined {
  if (!data) return data;
  if ((filter.asset && filter.asset !== closed.asset) || (filter.reason && filter.reason !== closed.closeReason)) return data;
  const [first = [], ...rest] = data.pages;
  const pages = [prependClosed(first, closed) ?? [], ...rest.map((page) => page.filter((p) => p.positionId !== closed.positionId))];
  return { ...data, pages };
}

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
