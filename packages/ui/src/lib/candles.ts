/** Folding live ticks into the chart's last bar. */

/** A chart bar: `time` is the bucket start in unix seconds. */
export interface TBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** Start (unix seconds, UTC-aligned) of the interval bucket a millisecond timestamp falls in. */
export function bucketStart(timestampMs: number, intervalSeconds: number): number {
  const seconds = Math.floor(timestampMs / 1000);
  return seconds - (seconds % intervalSeconds);
}

export type TMergeResult =
  /** The tick is older than the last bar: updating would throw "Cannot update oldest data". */
  | { kind: "ignore" }
  /** The tick lands in the last bar: high/low/close move. */
  | { kind: "update"; bar: TBar }
  /** The tick opens a new bar. */
  | { kind: "append"; bar: TBar };

/**
 * Folds one trade price into the series: same bucket → update the last bar, later bucket → a new
 * bar opening at the price, earlier bucket → ignore (the series only ever moves forward).
 */
export function mergeTick(
  last: TBar | undefined,
  price: number,
  timestampMs: number,
  intervalSeconds: number,
): TMergeResult {
  if (!Number.isFinite(price) || price <= 0) return { kind: "ignore" };
  const time = bucketStart(timestampMs, intervalSeconds);
  if (!last || time > last.time) {
    return { kind: "append", bar: { time, open: price, high: price, low: price, close: price } };
  }
  if (time < last.time) return { kind: "ignore" };
  return {
    kind: "update",
    bar: {
      time,
      open: last.open,
      high: Math.max(last.high, price),
      low: Math.min(last.low, price),
      close: price,
    },
  };
}

/** Change over the last 24 h: the reference is the open of the first candle inside the window. */
export function dayChange(
  candles: readonly { time: number; open: number }[],
  price: number | null,
  nowSeconds: number,
): { absolute: number; percent: number } | null {
  if (price === null || candles.length === 0) return null;
  const since = nowSeconds - 86_400;
  const reference = candles.find((c) => c.time >= since) ?? candles[candles.length - 1];
  if (!reference || reference.open <= 0) return null;
  const absolute = price - reference.open;
  return { absolute, percent: (absolute / reference.open) * 100 };
}
