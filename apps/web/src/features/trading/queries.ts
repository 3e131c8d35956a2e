import {
  type TCloseAllRequest,
  type TClosedPosition,
  type TModifyPositionInput,
  type TCloseReason,
  type TModifyOrderInput,
  type TOpenPositionInput,
  type TOrder,
  type TPlaceOrderInput,
} from "@repo/shared-types/api";
import type { TAsset } from "@repo/shared-types/market";
import { infiniteQueryOptions, queryOptions, type InfiniteData } from "@tanstack/react-query";
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

/** What the history table shows: every close, or those of one asset and/or reason. */
export interface THistoryFilter {
  asset?: TAsset;
  reason?: TCloseReason;
}

const HISTORY_PAGE = 50;

/**
 * Closed positions, newest first, 50 a page: the next page is the closes before the oldest one
 * shown (`before`; the server never splits one instant's closes). position:closed prepends.
 */
export const historyQuery = (api: ApiClient, filter: THistoryFilter = {}) =>
  infiniteQueryOptions({
    queryKey: queryKeys.account.historyFiltered(filter),
    queryFn: ({ pageParam }) => api.history({ ...filter, limit: HISTORY_PAGE, before: pageParam ?? undefined }),
    initialPageParam: null as number | null,
    getNextPageParam: (last: TClosedPosition[]) => (last.length < HISTORY_PAGE ? null : (last.at(-1)?.closedAt ?? null)),
  });

/** The same filter's rows as the server's CSV. */
export function historyCsv(api: ApiClient, filter: THistoryFilter): Promise<string> {
  return api.historyCsv(filter);
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
  return api.openPosition(body);
}

/** Closes a position, or `quantity` of it (a decimal string as typed, or a number). */
export function closePosition(api: ApiClient, positionId: string, quantity?: string | number) {
  return api.closePosition(quantity === undefined ? { positionId } : { positionId, quantity });
}

/** Sets (a value) or clears (null) the stop loss, take profit or trailing stop of an open position. */
export function modifyPosition(api: ApiClient, positionId: string, body: TModifyPositionInput) {
  return api.modifyPosition(positionId, body);
}

export function closeAllPositions(api: ApiClient, body: TCloseAllRequest) {
  return api.closeAllPositions(body);
}

/** One history row: a position's partial closes share its id, each is its own row. */
const historyRowKey = (p: TClosedPosition): string => `${p.positionId}@${p.closedAt}:${p.quantity}`;

/** Puts a closed position (or closed part) at the top of the history, once, whichever of REST or socket reports it first. */
export function prependClosed(history: TClosedPosition[] | undefined, closed: TClosedPosition): TClosedPosition[] | undefined {
  if (!history) return history;
  const key = historyRowKey(closed);
  return [closed, ...history.filter((p) => historyRowKey(p) !== key)];
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
