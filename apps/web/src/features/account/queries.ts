import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** The balance curve (deposit, every close, resets), ascending; refetched after each close. */
export const balanceHistoryQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.balanceHistory,
    queryFn: () => api.account.balanceHistory({ limit: 500 }),
  });

/** Trades, win rate, best/worst trade and drawdown, computed exactly by the server. */
export const statsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.stats,
    queryFn: () => api.account.stats(),
  });

/** Closes everything at market and puts the demo account back to 10,000 USD; the new state. */
export function resetAccount(api: ApiClient) {
  return api.account.reset();
}
