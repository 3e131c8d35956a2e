import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INTERVAL_SECONDS, type TCandleInterval } from "@repo/shared-types/candle";
import { openSqliteStores, type SqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import type { CandleRecord, CandleStore } from "../ports";
import { aggregateCandles, CandleService } from "./candle-service";

const DAY = 86_400;
const START = 1_700_006_400; // a UTC midnight

/** Deterministic minutes over three days: some without trades, decimals of varied scale. */
function minutes(): CandleRecord[] {
  const out: CandleRecord[] = [];
  let seed = 7;
  for (let t = START; t < START + 3 * DAY; t += 60) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    if (seed % 11 === 0) {
      out.push({ symbol: "SOL_USDC", time: t, open: null, high: null, low: null, close: null, volume: "0" });
      continue;
    }
    const base = 100 + (seed % 5_000) / 100;
    const text = (n: number): string => n.toFixed(2 + (seed % 3));
    out.push({ symbol: "SOL_USDC", time: t, open: text(base), high: text(base + 1.5), low: text(base - 1.25), close: text(base + 0.5), volume: `${seed % 97}.${seed % 1_000}` });
  }
  return out;
}

describe("CandleService higher intervals", () => {
  let dir: string;
  let stores: SqliteStores;

  afterEach(() => {
    stores.database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should answer every interval from pre-aggregated buckets equal to folding the 1m rows", () => {
    dir = mkdtempSync(path.join(tmpdir(), "candles-"));
    stores = openSqliteStores(dir);
    const service = new CandleService(stores.candles);
    const rows = minutes();
    // Backfill in two batches, then live updates rewriting some minutes (a higher high, more volume).
    stores.candles.upsertCandles(rows.slice(0, 2_000));
    stores.candles.upsertCandles(rows.slice(2_000));
    const updated = rows.map((r, i) => (i % 97 === 0 && r.high !== null ? { ...r, high: "999.999", volume: "12345.6789" } : r));
    stores.candles.upsertCandles(updated.filter((_, i) => i % 97 === 0));

    const priced = updated.flatMap((r) =>
      r.open === null || r.high === null || r.low === null || r.close === null
        ? []
        : [{ time: r.time, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume }],
    );
    for (const interval of ["5m", "15m", "1h", "4h", "1d"] as TCandleInterval[]) {
      const expected = aggregateCandles(priced, INTERVAL_SECONDS[interval]).map((c) => ({
        time: c.time,
        open: Number(c.open),
        high: Number(c.high),
        low: Number(c.low),
        close: Number(c.close),
        volume: Number(c.volume),
      }));
      expect(service.query("SOL_USDC", interval, 5_000), interval).toEqual(expected);
      expect(service.query("SOL_USDC", interval, 3), interval).toEqual(expected.slice(-3));
    }
  });

  it("should read at most `limit` rows for a daily request, however many minutes are stored", () => {
    dir = mkdtempSync(path.join(tmpdir(), "candles-"));
    stores = openSqliteStores(dir);
    stores.candles.upsertCandles(minutes());
    const store = stores.candles;
    let rowsRead = 0;
    const counting: CandleStore = {
      upsertCandles: (c) => store.upsertCandles(c),
      latestCandleTime: (symbol) => store.latestCandleTime(symbol),
      candlesFrom: (symbol, from) => {
        const rows = store.candlesFrom(symbol, from);
        rowsRead += rows.length;
        return rows;
      },
      bucketsFrom: (symbol, interval, from) => {
        const rows = store.bucketsFrom(symbol, interval, from);
        rowsRead += rows.length;
        return rows;
      },
    };
    expect(new CandleService(counting).query("SOL_USDC", "1d", 2)).toHaveLength(2);
    expect(rowsRead).toBeLessThanOrEqual(2);
  });

  it("should derive the buckets of a database written before they existed", () => {
    dir = mkdtempSync(path.join(tmpdir(), "candles-"));
    stores = openSqliteStores(dir);
    stores.candles.upsertCandles(minutes().slice(0, 600));
    stores.database.db.exec("DELETE FROM candle_buckets");
    stores.database.close();
    stores = openSqliteStores(dir);
    expect(new CandleService(stores.candles).query("SOL_USDC", "1h", 100)).toHaveLength(10);
  });
});
