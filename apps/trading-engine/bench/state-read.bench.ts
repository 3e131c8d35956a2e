/**
 * GET /api/v1/state's own cost for an account holding 1,000 open positions: TradingService.state
 * (engine read + presentation, no SQLite) and the JSON serialisation the reply adds.
 * Run: npx tsx bench/state-read.bench.ts
 */
import { createEngine } from "@repo/engine-core/engine";
import { recordTarget } from "@repo/bench-kit";
import { openSqliteStores } from "../src/adapters/sqlite/open-sqlite-stores";
import { engineConfig } from "../src/trading/restore-engine";
import { TradingService } from "../src/trading/trading-service";

const POSITIONS = 1_000;
const SAMPLES = 2_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const stores = openSqliteStores(":memory:");
  let id = 0;
  const trading = new TradingService({
    engine: createEngine(engineConfig(600_000)),
    ledger: stores.ledger,
    now: () => 1_700_000_000_000,
    newId: () => `id-${(id += 1)}`,
    onFatal: () => undefined,
  });
  trading.createAccount("u1", 1, () => undefined);
  trading.applyMarketUpdate({
    schemaVersion: 1,
    symbol: "SOL_USDC",
    bid: "150.49",
    ask: "150.51",
    price: "150.5",
    volume: "1",
    timestamp: 1_700_000_000_000,
    source: "simulator",
  });
  for (let i = 0; i < POSITIONS; i += 1) {
    const opened = await trading.openPosition("u1", {
      asset: "SOL",
      type: i % 2 === 0 ? "long" : "short",
      margin: "1",
      leverage: 1,
    });
    if (!opened.ok) throw new Error(opened.message);
  }
  // Alternating rounds, so both see the same machine; the quote moves between them as it would.
  const times: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    trading.applyMarketUpdate({ schemaVersion: 1, symbol: "SOL_USDC", bid: i % 2 === 0 ? "150.49" : "150.50", ask: "150.51", price: "150.5", volume: "1", timestamp: 1_700_000_000_000 + i, source: "simulator" });
    let t = performance.now();
    trading.stateJson("u1");
    times.push(performance.now() - t);
    t = performance.now();
    JSON.stringify(trading.state("u1"));
    plain.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  console.log(
    `state of an account with ${POSITIONS} positions (presentation + JSON, cached fragments): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`,
  );
  console.log(
    `baseline JSON.stringify(presentState): p50 ${percentile(plain, 50).toFixed(3)} ms, p99 ${percentile(plain, 99).toFixed(3)} ms`,
  );
  recordTarget({
    bench: "trading-engine",
    figure: `GET /state cost at ${POSITIONS} positions, p50 (uncached JSON.stringify: ${percentile(plain, 50).toFixed(3)} ms)`,
    value: `${p50.toFixed(3)} ms`,
    target: "≤ 0.5 ms",
    ok: p50 <= 0.5,
  });
  stores.database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
