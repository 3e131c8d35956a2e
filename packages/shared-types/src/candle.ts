import { z } from "zod";
import { ZDecimalString, ZPositiveDecimalString } from "./decimal";
import { ZFeedSource, ZSymbol } from "./market";

/** Chart intervals served by the engine; only 1m travels on Kafka, the rest are derived. */
export const CANDLE_INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"] as const;
export const ZCandleInterval = z.enum(CANDLE_INTERVALS);
export type TCandleInterval = z.infer<typeof ZCandleInterval>;

/** Seconds per chart interval. */
export const INTERVAL_SECONDS: Record<TCandleInterval, number> = {
  "1m": 60,
  "5m": 300,
  "15m": 900,
  "1h": 3_600,
  "4h": 14_400,
  "1d": 86_400,
};

/** Kafka `backpack-candles` value (contract, architecture.md §3). Prices are null for a minute without trades. */
export const ZCandleMessage = z.object({
  schemaVersion: z.literal(1),
  symbol: ZSymbol,
  interval: z.literal("1m"),
  /** Candle start, unix seconds, aligned to the minute. */
  time: z
    .number()
    .int()
    .positive()
    .refine((t) => t % 60 === 0, "must be aligned to the minute"),
  open: ZPositiveDecimalString.nullable(),
  high: ZPositiveDecimalString.nullable(),
  low: ZPositiveDecimalString.nullable(),
  close: ZPositiveDecimalString.nullable(),
  volume: ZDecimalString,
  closed: z.boolean(),
  source: ZFeedSource,
});
export type TCandleMessage = z.infer<typeof ZCandleMessage>;
