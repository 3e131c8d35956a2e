import { type TClosedPosition, type TOpenPositionInput } from "@repo/shared-types/api";
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
