import { z } from "zod";
import { compareDecimal, ZDecimalString, ZPositiveDecimalString } from "./decimal";

/** Backpack symbol format BASE_QUOTE (tokenised stocks may contain a dot: SPCX.US_USDC). */
export const ZSymbol = z.string().regex(/^[A-Z0-9.]+_[A-Z0-9]+(_PERP)?$/, "expected a symbol like SOL_USDC");
export type TSymbol = z.infer<typeof ZSymbol>;

/** The tradable markets and their base assets (architecture.md §4). */
export const MARKETS = [
  { symbol: "SOL_USDC", asset: "SOL" },
  { symbol: "BTC_USDC", asset: "BTC" },
  { symbol: "ETH_USDC", asset: "ETH" },
] as const;
export const MAX_LEVERAGE = 100;

/** Each market's price tick (Backpack's tickSize): prices are shown, and picked, on this grid. */
export const TICK_SIZE: Record<(typeof MARKETS)[number]["symbol"], string> = {
  SOL_USDC: "0.01",
  BTC_USDC: "0.1",
  ETH_USDC: "0.01",
};

export const ZAsset = z.enum(["SOL", "BTC", "ETH"]);
export type TAsset = z.infer<typeof ZAsset>;

export const ZFeedSource = z.enum(["backpack", "simulator"]);
export type TFeedSource = z.infer<typeof ZFeedSource>;

/** Kafka `backpack-market-updates` value (contract, architecture.md §3). */
export const ZMarketUpdate = z
  .object({
    schemaVersion: z.literal(1),
    symbol: ZSymbol,
    price: ZPositiveDecimalString,
    bid: ZPositiveDecimalString,
    ask: ZPositiveDecimalString,
    volume: ZDecimalString,
    /** Exchange event time, unix milliseconds. */
    timestamp: z.number().int().positive(),
    source: ZFeedSource,
  })
  .refine((m) => compareDecimal(m.bid, m.ask) <= 0, { message: "bid must be ≤ ask", path: ["bid"] });
export type TMarketUpdate = z.infer<typeof ZMarketUpdate>;
