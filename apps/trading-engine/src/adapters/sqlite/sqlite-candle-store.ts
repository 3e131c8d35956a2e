import type { CandleRecord, CandleStore } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

/** The `candles` table. */
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
    };
  }

  upsertCandles(candles: readonly CandleRecord[]): void {
    this.database.transaction(() => {
      for (const c of candles) this.stmts.upsertCandle.run(c);
    });
  }

  latestCandleTime(symbol: string): number | null {
    return this.stmts.latestCandleTime.get(symbol)?.time ?? null;
  }

  candlesFrom(symbol: string, fromTime: number): CandleRecord[] {
    return this.stmts.candlesFrom.all(symbol, fromTime);
  }
}
