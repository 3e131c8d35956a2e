import { INTERVAL_SECONDS, type TCandleInterval, type TCandleMessage } from "@repo/shared-types/candle";
import type { TCandle } from "@repo/shared-types/api";
import { compareDecimal } from "@repo/shared-types/decimal";
import type { CandleRecord, CandleStore } from "../ports";
import { sumDecimals } from "@repo/shared-types/decimal";

/** A candle still in exact decimal strings (what aggregation works on). */
interface ExactCandle {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

function toNumbers(c: ExactCandle): TCandle {
  // Presentation only: the stored strings stay exact.
  return {
    time: c.time,
    open: Number(c.open),
    high: Number(c.high),
    low: Number(c.low),
    close: Number(c.close),
    volume: Number(c.volume),
  };
}

/** Minutes with prices (a minute without trades has null OHLC and is left out). */
function priced(record: CandleRecord): ExactCandle | null {
  if (record.open === null || record.high === null || record.low === null || record.close === null) return null;
  return { time: record.time, open: record.open, high: record.high, low: record.low, close: record.close, volume: record.volume };
}

/** Folds ascending 1m candles into `bucket`-second candles with exact decimal highs, lows and volumes. */
export function aggregateCandles(minutes: readonly ExactCandle[], bucket: number): ExactCandle[] {
  const out: ExactCandle[] = [];
  let current: ExactCandle | null = null;
  let volumes: string[] = [];
  for (const m of minutes) {
    const start = Math.floor(m.time / bucket) * bucket;
    if (current === null || current.time !== start) {
      if (current !== null) out.push({ ...current, volume: sumDecimals(volumes) });
      current = { ...m, time: start };
      volumes = [m.volume];
      continue;
    }
    if (compareDecimal(m.high, current.high) > 0) current.high = m.high;
    if (compareDecimal(m.low, current.low) < 0) current.low = m.low;
    current.close = m.close;
    volumes.push(m.volume);
  }
  if (current !== null) out.push({ ...current, volume: sumDecimals(volumes) });
  return out;
}

/**
 * Candles from `backpack-candles`, stored by (symbol, minute) and served for the chart. Incoming
 * messages are buffered briefly and written in one transaction, so a history backfill of
 * hundreds of minutes costs one fsync, not hundreds.
 */
export class CandleService {
  private buffer: TCandleMessage[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: CandleStore,
    private readonly flushDelayMs = 50,
  ) {}

  /** Queues a candle; it is written within `flushDelayMs`. */
  add(message: TCandleMessage): void {
    this.buffer.push(message);
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
    }
  }

  /** Upserts by (symbol, time): history replays and live updates of the same minute are harmless. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.buffer.length === 0) return;
    const messages = this.buffer;
    this.buffer = [];
    this.store.upsertCandles(
      messages.map((m) => ({
        symbol: m.symbol,
        time: m.time,
        open: m.open,
        high: m.high,
        low: m.low,
        close: m.close,
        volume: m.volume,
      })),
    );
  }

  /** The last `limit` candles of `interval`, ascending by time. */
  query(symbol: string, interval: TCandleInterval, limit: number): TCandle[] {
    const latest = this.store.latestCandleTime(symbol);
    if (latest === null) return [];
    const bucket = INTERVAL_SECONDS[interval];
    const from = Math.floor(latest / bucket) * bucket - (limit - 1) * bucket;
    // Higher intervals come pre-aggregated from the store: a request reads at most `limit` rows.
    const candles =
      bucket === 60
        ? this.store
            .candlesFrom(symbol, Math.max(0, from))
            .map(priced)
            .filter((c): c is ExactCandle => c !== null)
        : this.store.bucketsFrom(symbol, bucket, Math.max(0, from));
    return candles.slice(-limit).map(toNumbers);
  }
}
