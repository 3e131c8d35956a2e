import { type TCandleInterval } from "@repo/shared-types/candle";

/**
 * Every react-query key of the app. Queries, mutations, the socket's cache patches and sign-out
 * all name keys through this one table, so no feature has to import another to find a key.
 */
export const queryKeys = {
  markets: {
    list: ["markets"] as const,
    candles: (symbol: string, interval: TCandleInterval, limit: number) => ["candles", symbol, interval, limit] as const,
  },
  /** Everything under "account" belongs to the signed-in user and is dropped on sign-out. */
  account: {
    all: ["account"] as const,
    state: ["account", "state"] as const,
    history: ["account", "history"] as const,
    orderHistory: ["account", "orders", "history"] as const,
    me: ["account", "me"] as const,
    apiKeys: ["account", "api-keys"] as const,
  },
};
