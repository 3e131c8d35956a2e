import { type TMarketInfo } from "@repo/shared-types/api";
import { type TCandleInterval } from "@repo/shared-types/candle";
import { type TMarketTick } from "@repo/shared-types/socket";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Latest quotes; polled for the server's `stale` flag, which no tick can announce (silence sends nothing). */
export const marketsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.markets.list,
    queryFn: () => api.markets(),
    refetchInterval: 2_000,
    refetchIntervalInBackground: true,
  });

/** Candle history for the chart (ascending). Live bars come from ticks, so this rarely refetches. */
export const candlesQuery = (api: ApiClient, symbol: string, interval: TCandleInterval, limit = 500) =>
  queryOptions({
    queryKey: queryKeys.markets.candles(symbol, interval, limit),
    queryFn: () => api.candles({ symbol, interval, limit }),
    staleTime: 5 * 60_000,
  });

/** 24 h of 15-minute candles, the reference for each market's daily change. */
export const dayCandlesQuery = (api: ApiClient, symbol: string) =>
  queryOptions({ ...candlesQuery(api, symbol, "15m", 97), staleTime: 60_000, refetchInterval: 60_000 });

/** Applies a tick to the cached market list: newest quote wins, and a tick proves the symbol is fresh. */
export function applyTick(markets: TMarketInfo[] | undefined, tick: TMarketTick): TMarketInfo[] | undefined {
  if (!markets) return markets;
  let changed = false;
  const next = markets.map((m) => {
    if (m.symbol !== tick.symbol || (m.timestamp !== null && tick.timestamp < m.timestamp)) return m;
    changed = true;
    return { ...m, bid: tick.bid, ask: tick.ask, price: tick.price, timestamp: tick.timestamp, stale: false };
  });
  return changed ? next : markets;
}
