/**
 * Chart indicator maths on candle closes. Plain floats: these lines are for display only and
 * never feed a money calculation.
 */

export interface TIndicatorInput {
  time: number;
  close: number;
}

/** One indicator value at a candle's time. */
export interface TPoint {
  time: number;
  value: number;
}

export interface TBands {
  upper: TPoint[];
  middle: TPoint[];
  lower: TPoint[];
}

function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
}

/** Simple moving average; the first value is at the period-th candle. */
export function sma(candles: readonly TIndicatorInput[], period: number): TPoint[] {
  assertPeriod(period);
  const out: TPoint[] = [];
  let sum = 0;
  candles.forEach((candle, i) => {
    sum += candle.close;
    const leaving = candles[i - period];
    if (leaving) sum -= leaving.close;
    if (i >= period - 1) out.push({ time: candle.time, value: sum / period });
  });
  return out;
}

/** Exponential moving average (k = 2 / (period + 1)), seeded with the SMA of the first period closes. */
export function ema(candles: readonly TIndicatorInput[], period: number): TPoint[] {
  const seed = sma(candles.slice(0, period), period)[0];
  if (!seed) return [];
  const k = 2 / (period + 1);
  let value = seed.value;
  const out: TPoint[] = [seed];
  for (const candle of candles.slice(period)) {
    value = candle.close * k + value * (1 - k);
    out.push({ time: candle.time, value });
  }
  return out;
}

/** Bollinger bands: SMA ± `width` population standard deviations of the same window. */
export function bollinger(candles: readonly TIndicatorInput[], period = 20, width = 2): TBands {
  const middle = sma(candles, period);
  const upper: TPoint[] = [];
  const lower: TPoint[] = [];
  middle.forEach((mid, j) => {
    // middle[j] covers candles j .. j + period - 1.
    const squares = candles.slice(j, j + period).reduce((acc, c) => acc + (c.close - mid.value) ** 2, 0);
    const deviation = Math.sqrt(squares / period);
    upper.push({ time: mid.time, value: mid.value + width * deviation });
    lower.push({ time: mid.time, value: mid.value - width * deviation });
  });
  return { upper, middle, lower };
}

/**
 * Relative strength index with Wilder's smoothing: the first averages are plain means of the first
 * `period` changes, then avg = (avg × (period − 1) + change) / period.
 */
export function rsi(candles: readonly TIndicatorInput[], period = 14): TPoint[] {
  assertPeriod(period);
  const changes: TPoint[] = [];
  let previous: number | undefined;
  for (const candle of candles) {
    if (previous !== undefined) changes.push({ time: candle.time, value: candle.close - previous });
    previous = candle.close;
  }
  const seedEnd = changes[period - 1];
  if (!seedEnd) return [];
  let gain = 0;
  let loss = 0;
  for (const { value } of changes.slice(0, period)) {
    gain += Math.max(value, 0);
    loss += Math.max(-value, 0);
  }
  gain /= period;
  loss /= period;
  const out: TPoint[] = [{ time: seedEnd.time, value: rsiValue(gain, loss) }];
  for (const { time, value } of changes.slice(period)) {
    gain = (gain * (period - 1) + Math.max(value, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-value, 0)) / period;
    out.push({ time, value: rsiValue(gain, loss) });
  }
  return out;
}

function rsiValue(gain: number, loss: number): number {
  // A flat window has no strength either way: show the neutral 50 rather than 100 from 0/0.
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
