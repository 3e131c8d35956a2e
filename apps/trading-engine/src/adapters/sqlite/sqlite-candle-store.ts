import { compareDecimal, sumDecimals } from "@repo/shared-types/decimal";
import type { CandleRecord, CandleStore, PricedCandle } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

/**
 * Each aggregated interval with the one it is folded from: a changed minute re-folds its 5m
 * bucket from 5 minutes, that 5m bucket's 15m one from 3 buckets, and so on up to 1d — 22 rows
 * read per changed minute instead of the 1,440 a day holds.
 */
const LEVELS: readonly { interval: number; from: number }[] = [
  { interval: 300, from: 60 },
  { interval: 900, from: 300 },
  { interval: 3_600, from: 900 },
  { interval: 14_400, from: 3_600 },
  { interval: 86_400, from: 14_400 },
];

/** Folds ascending priced candles of one bucket into one, exactly (decimal strings). */
function fold(time: number, rows: readonly PricedCandle[]): PricedCandle | null {
  const [first] = rows;
  const last = rows.at(-1);
  if (first === undefined || last === undefined) return null;
  let { high, low } = first;
  for (const r of rows) {
    if (compareDecimal(r.high, high) > 0) high = r.high;
    if (compareDecimal(r.low, low) < 0) low = r.low;
  }
  return { time, open: first.open, high, low, close: last.close, volume: sumDecimals(rows.map((r) => r.volume)) };
}

/** The `candles` table (1m, as received) and `candle_buckets` (5m..1d, derived from it). */
export class SqliteCandleStore implements CandleStore {
  private readonly database: SqliteDatabase;
  private readonly stmts;

  constructor(database: SqliteDatabase) {
    this.database = database;
    const { db } = database;
    this.stmts = {
      upsertCandle: db.prepare(
        `INSERT INTO candles (symbol, time, open, high, low, close, volume)
         VALUES (@symbol, @time, @open, @high, @low, @close, @volume)
         ON CONFLICT(symbol, time) DO UPDATE SET open = excluded.open, high = excluded.high,
           low = excluded.low, close = excluded.close, volume = excluded.volume`,
      ),
      latestCandleTime: db.prepare<[string], { time: number | null }>("SELECT MAX(time) AS time FROM candles WHERE symbol = ?"),
      candlesFrom: db.prepare<[string, number], CandleRecord>(
        "SELECT symbol, time, open, high, low, close, volume FROM candles WHERE symbol = ? AND time >= ? ORDER BY time",
      ),
      pricedMinutes: db.prepare<[string, number, number], PricedCandle>(
        `SELECT time, open, high, low, close, volume FROM candles
         WHERE symbol = ? AND time >= ? AND time < ? AND open IS NOT NULL AND high IS NOT NULL
           AND low IS NOT NULL AND close IS NOT NULL ORDER BY time`,
      ),
      bucketRange: db.prepare<[string, number, number, number], PricedCandle>(
        "SELECT time, open, high, low, close, volume FROM candle_buckets WHERE symbol = ? AND interval_s = ? AND time >= ? AND time < ? ORDER BY time",
      ),
      bucketsFrom: db.prepare<[string, number, number], PricedCandle>(
        "SELECT time, open, high, low, close, volume FROM candle_buckets WHERE symbol = ? AND interval_s = ? AND time >= ? ORDER BY time",
      ),
      upsertBucket: db.prepare(
        `INSERT INTO candle_buckets (symbol, interval_s, time, open, high, low, close, volume)
         VALUES (@symbol, @interval, @time, @open, @high, @low, @close, @volume)
         ON CONFLICT(symbol, interval_s, time) DO UPDATE SET open = excluded.open, high = excluded.high,
           low = excluded.low, close = excluded.close, volume = excluded.volume`,
      ),
      deleteBucket: db.prepare<[string, number, number]>("DELETE FROM candle_buckets WHERE symbol = ? AND interval_s = ? AND time = ?"),
      anyBucket: db.prepare<[], { one: number }>("SELECT 1 AS one FROM candle_buckets LIMIT 1"),
      allMinutes: db.prepare<[], { symbol: string; time: number }>("SELECT symbol, time FROM candles"),
    };
    this.backfillBuckets();
  }

  upsertCandles(candles: readonly CandleRecord[]): void {
    this.database.transaction(() => {
      for (const c of candles) this.stmts.upsertCandle.run(c);
      this.refold(candles);
    });
  }

  latestCandleTime(symbol: string): number | null {
    return this.stmts.latestCandleTime.get(symbol)?.time ?? null;
  }

  candlesFrom(symbol: string, fromTime: number): CandleRecord[] {
    return this.stmts.candlesFrom.all(symbol, fromTime);
  }

  bucketsFrom(symbol: string, intervalSeconds: number, fromTime: number): PricedCandle[] {
    return this.stmts.bucketsFrom.all(symbol, intervalSeconds, fromTime);
  }

  /** Re-folds every bucket, level by level, that contains one of the changed minutes. */
  private refold(changed: readonly { symbol: string; time: number }[]): void {
    let dirty = new Map<string, Set<number>>();
    for (const { symbol, time } of changed) {
      let set = dirty.get(symbol);
      if (set === undefined) dirty.set(symbol, (set = new Set()));
      set.add(time);
    }
    for (const level of LEVELS) {
      const next = new Map<string, Set<number>>();
      for (const [symbol, times] of dirty) {
        const buckets = new Set([...times].map((t) => Math.floor(t / level.interval) * level.interval));
        for (const start of buckets) {
          const end = start + level.interval;
          const rows =
            level.from === 60
              ? this.stmts.pricedMinutes.all(symbol, start, end)
              : this.stmts.bucketRange.all(symbol, level.from, start, end);
          const bucket = fold(start, rows);
          if (bucket === null) this.stmts.deleteBucket.run(symbol, level.interval, start);
          else this.stmts.upsertBucket.run({ symbol, interval: level.interval, ...bucket });
        }
        next.set(symbol, buckets);
      }
      dirty = next;
    }
  }

  /** A database from before candle_buckets existed: derive them once from the stored minutes. */
  private backfillBuckets(): void {
    if (this.stmts.anyBucket.get() !== undefined) return;
    const minutes = this.stmts.allMinutes.all();
    if (minutes.length > 0) this.database.transaction(() => this.refold(minutes));
  }
}
