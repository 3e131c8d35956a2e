/**
 * Engine benchmark (`npm run bench -w @repo/engine-core`):
 * 1. open/close commands per second;
 * 2. tick latency p50/p99 with 100k and 1M open positions, when nothing triggers and when 1 %
 *    triggers, through the price-ordered index and through the naive full scan, with the ratio;
 * 3. heap bytes per open position;
 * 4. stateHash() (maintained, O(1)) against recomputeStateHash() (every row) at 100k and 1M;
 * 5. tick latency with 100k armed price alerts against none (alert-ticks.ts);
 * 6. pending orders: a quiet tick with 1M resting orders beside the same tick with none, and fills/s;
 * 7. the ≥ 1M-operation model-based stress run (conservation incl. reserved order margins,
 *    liquidation exactness, fills never worse than a limit, restore, replay).
 */
import { recordTarget } from "@repo/bench-kit";
import { createEngine, type Engine, type EngineConfig, type TriggerIndexKind } from "../src/engine";
import { checkInvariants } from "../src/invariants";
import { parseUsd, priceFromUnits, usdFromCents } from "../src/money";
import { StateHashSum } from "../src/state-hash";
import { benchAlertTicks } from "./alert-ticks";
import { measureFills, restOrders } from "./order-book";
import { mulberry32 } from "./prng";
import { runStress } from "./stress";

const config: EngineConfig = {
  markets: [
    { symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 },
    { symbol: "BTC_USDC", asset: "BTC", maxLeverage: 100 },
    { symbol: "ETH_USDC", asset: "ETH", maxLeverage: 100 },
  ],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
};
const SYMBOL = "SOL_USDC";
const MID = 10_000_000_000n; // 100.00
const T0 = 1_700_000_000_000;
const POSITIONS_PER_ACCOUNT = 100;

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc === undefined) throw new Error("run with --expose-gc");
  gc();
  gc();
}
const nowNs = (): bigint => process.hrtime.bigint();
const fmtUs = (ns: number): string => `${(ns / 1000).toFixed(1)} µs`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

let clock = T0;
function tick(engine: Engine, bid: bigint, ask: bigint) {
  clock += 1;
  return engine.execute({
    type: "applyQuote",
    symbol: SYMBOL,
    bid: priceFromUnits(bid),
    ask: priceFromUnits(ask),
    price: priceFromUnits((bid + ask) / 2n),
    timestamp: clock,
    at: clock,
  });
}

/**
 * N open positions around 100.00 that nothing in the "quiet" band (99.95..100.05) triggers:
 * leverage 2..40 (liquidation 2.5 %..50 % away), stops ≥ 1 % away, half longs, half shorts; the busy
 * ticks close exactly the 1 % refill batch.
 */
function buildBook(kind: TriggerIndexKind, n: number): Engine {
  const engine = createEngine(config, { triggerIndex: kind });
  const random = mulberry32(42);
  const accounts = Math.ceil(n / POSITIONS_PER_ACCOUNT) + 10;
  for (let a = 0; a < accounts; a++)
    engine.execute({ type: "createAccount", accountId: `a${a}`, at: T0 });
  tick(engine, MID, MID);
  for (let i = 0; i < n; i++) {
    const side = i % 2 === 0 ? ("long" as const) : ("short" as const);
    const dir = side === "long" ? -1n : 1n;
    const leverage = 2 + Math.floor(random() * 39);
    // Stop loss ≥ 1 % away (outside the busy tick's move) and strictly inside the liquidation price (≈ 1000/leverage ‰).
    const slPermille = 10 + Math.floor(random() * (Math.floor(1000 / leverage) - 12));
    const sl = random() < 0.3 ? MID + (dir * MID * BigInt(slPermille)) / 1000n : undefined;
    const tp =
      random() < 0.3
        ? MID - (dir * MID * BigInt(10 + Math.floor(random() * 200))) / 1000n
        : undefined;
    const out = engine.execute({
      type: "openPosition",
      accountId: `a${Math.floor(i / POSITIONS_PER_ACCOUNT)}`,
      positionId: `p${i}`,
      symbol: SYMBOL,
      side,
      margin: usdFromCents(1000n + BigInt(Math.floor(random() * 5000))),
      leverage,
      stopLoss: sl === undefined ? undefined : priceFromUnits(sl),
      takeProfit: tp === undefined ? undefined : priceFromUnits(tp),
      at: clock,
    });
    if (!out.result.ok) throw new Error(`build: ${out.result.code} ${out.result.message}`);
  }
  return engine;
}

interface TickStats {
  quietP50: number;
  quietP99: number;
  busyP50: number;
  busyP99: number;
  closedPerBusyTick: number;
}

/** Times quiet ticks, then ticks that close exactly 1 % of the book (refilled, untimed, between ticks). */
function measureTicks(engine: Engine, n: number, quietTicks: number, busyTicks: number): TickStats {
  const random = mulberry32(7);
  const quiet: number[] = [];
  for (let i = 0; i < quietTicks; i++) {
    const bid = MID + BigInt(Math.floor(random() * 10_000_000)) - 5_000_000n; // 100.00 ± 0.05
    const start = nowNs();
    const out = tick(engine, bid, bid + 1_000_000n);
    quiet.push(Number(nowNs() - start));
    if (!out.result.ok || out.result.value.closed.length !== 0)
      throw new Error("a quiet tick closed positions");
  }
  const busy: number[] = [];
  const batch = Math.max(1, Math.floor(n / 100));
  let closed = 0;
  let serial = 0;
  for (let t = 0; t < busyTicks; t++) {
    // Refill: a batch of longs whose take profit 100.60 the next tick crosses (and nothing else).
    for (let i = 0; i < batch; i++) {
      const out = engine.execute({
        type: "openPosition",
        accountId: `a${Math.floor(n / POSITIONS_PER_ACCOUNT) + (i % 10)}`,
        positionId: `tp${t}-${serial++}`,
        symbol: SYMBOL,
        side: "long",
        margin: usdFromCents(1000n),
        leverage: 10,
        takeProfit: priceFromUnits(10_060_000_000n),
        at: clock,
      });
      if (!out.result.ok) throw new Error(`refill: ${out.result.code} ${out.result.message}`);
    }
    const start = nowNs();
    const out = tick(engine, 10_060_000_000n, 10_060_100_000n);
    busy.push(Number(nowNs() - start));
    if (!out.result.ok) throw new Error("busy tick rejected");
    closed += out.result.value.closed.length;
    tick(engine, MID, MID + 1_000_000n);
  }
  return {
    quietP50: percentile(quiet, 50),
    quietP99: percentile(quiet, 99),
    busyP50: percentile(busy, 50),
    busyP99: percentile(busy, 99),
    closedPerBusyTick: closed / busyTicks,
  };
}

interface HashStats {
  maintainedNs: number;
  /** A call right after a change: one row hash added to the sum, digest rebuilt. */
  afterChangeNs: number;
  recomputedNs: number;
}

/** Mean cost of the maintained stateHash() and of the full recomputation, on the same engine. */
function measureHash(engine: Engine): HashStats {
  const calls = 1_000_000;
  let sink = 0;
  // Warm-up (tier-up to optimised code), not timed.
  for (let i = 0; i < 10_000; i++) sink += engine.stateHash().length;
  sink = 0;
  let start = nowNs();
  for (let i = 0; i < calls; i++) sink += engine.stateHash().length;
  const maintainedNs = Number(nowNs() - start) / calls;
  // The engine's sum type on its own, so only the O(1) update + digest is timed, not a command.
  const sum = new StateHashSum();
  start = nowNs();
  for (let i = 0; i < calls; i++) {
    sum.add(i, -i);
    sink += sum.digest().length;
  }
  const afterChangeNs = Number(nowNs() - start) / calls;
  const rounds = 3;
  start = nowNs();
  let recomputed = "";
  for (let i = 0; i < rounds; i++) recomputed = engine.recomputeStateHash();
  const recomputedNs = Number(nowNs() - start) / rounds;
  if (recomputed !== engine.stateHash() || sink !== calls * 32)
    throw new Error("maintained state hash ≠ recomputed");
  return { maintainedNs, afterChangeNs, recomputedNs };
}

function benchOpenClose(): void {
  const engine = createEngine(config);
  const n = 200_000;
  for (let a = 0; a < n / POSITIONS_PER_ACCOUNT; a++)
    engine.execute({ type: "createAccount", accountId: `a${a}`, at: T0 });
  tick(engine, MID, MID + 1_000_000n);
  let start = nowNs();
  for (let i = 0; i < n; i++) {
    engine.execute({
      type: "openPosition",
      accountId: `a${Math.floor(i / POSITIONS_PER_ACCOUNT)}`,
      positionId: `p${i}`,
      symbol: SYMBOL,
      side: i % 2 === 0 ? "long" : "short",
      margin: usdFromCents(1000n),
      leverage: 1 + (i % 50),
      at: clock,
    });
  }
  const openSec = Number(nowNs() - start) / 1e9;
  start = nowNs();
  for (let i = 0; i < n; i++) {
    const out = engine.execute({
      type: "closePosition",
      accountId: `a${Math.floor(i / POSITIONS_PER_ACCOUNT)}`,
      positionId: `p${i}`,
      at: clock,
    });
    if (!out.result.ok) throw new Error(out.result.message);
  }
  const closeSec = Number(nowNs() - start) / 1e9;
  console.log(
    `open:  ${Math.round(n / openSec).toLocaleString("en")} commands/s (${n.toLocaleString("en")} opens, indexed)`,
  );
  console.log(
    `close: ${Math.round(n / closeSec).toLocaleString("en")} commands/s (${n.toLocaleString("en")} manual closes)`,
  );
}

/** p50 of quiet ticks (the same seeded prices each call). */
function quietTickP50(engine: Engine, ticks: number): number {
  const random = mulberry32(9);
  const samples: number[] = [];
  for (let i = 0; i < ticks; i++) {
    const bid = MID + BigInt(Math.floor(random() * 10_000_000)) - 5_000_000n;
    const start = nowNs();
    const out = tick(engine, bid, bid + 1_000_000n);
    samples.push(Number(nowNs() - start));
    if (!out.result.ok || out.result.value.orders.length !== 0 || out.result.value.closed.length !== 0)
      throw new Error("a quiet tick filled or closed something");
  }
  return percentile(samples, 50);
}

function benchPendingOrders(): void {
  const resting = 1_000_000;
  const accounts = 10_000;
  const engine = createEngine(config);
  for (let a = 0; a < accounts; a++) engine.execute({ type: "createAccount", accountId: `a${a}`, at: T0 });
  tick(engine, MID, MID + 1_000_000n);
  const deps = { engine, symbol: SYMBOL, mid: MID, tick, clock: () => clock, accounts };
  // Warm-up first, so the baseline is not paying for the JIT.
  quietTickP50(engine, 5_000);
  const plain = quietTickP50(engine, 5_000);
  let start = nowNs();
  restOrders(deps, resting);
  const placeSec = Number(nowNs() - start) / 1e9;
  collect();
  const withOrders = quietTickP50(engine, 5_000);
  start = nowNs();
  const fills = measureFills(deps, 10_000, 5);
  if (checkInvariants(engine).length > 0) throw new Error("invariants broken after order fills");
  console.log(`\n-- pending orders (${resting.toLocaleString("en")} resting on ${SYMBOL}) --`);
  console.log(`place: ${Math.round(resting / placeSec).toLocaleString("en")} orders/s`);
  console.log(
    `nothing triggers: p50 ${fmtUs(withOrders)} with ${resting.toLocaleString("en")} resting orders | ${fmtUs(plain)} with none | ratio ${(withOrders / plain).toFixed(2)}×`,
  );
  console.log(
    `fills: ${Math.round(fills.fillsPerSec).toLocaleString("en")} fills/s (10,000 per tick, ${(fills.tickNs / 1e6).toFixed(1)} ms per tick, each a new position)`,
  );
  const ratio = withOrders / plain;
  recordTarget({ bench: "engine-core", figure: "quiet tick, 1M resting orders / none, p50", value: `${ratio.toFixed(2)}×`, target: "≤ 2×", ok: ratio <= 2 });
}

function main(): void {
  const started = Date.now();
  console.log("== engine-core bench ==");
  benchOpenClose();

  for (const n of [100_000, 1_000_000]) {
    collect();
    const before = process.memoryUsage().heapUsed;
    let indexed: Engine | null = buildBook("indexed", n);
    collect();
    const bytes = (process.memoryUsage().heapUsed - before) / n;
    const hash = measureHash(indexed);
    const a = measureTicks(indexed, n, 2000, 30);
    if (checkInvariants(indexed).length > 0) throw new Error("invariants broken after ticks");
    indexed = null;
    collect();
    let scan: Engine | null = buildBook("scan", n);
    const b = measureTicks(scan, n, n >= 1_000_000 ? 50 : 200, n >= 1_000_000 ? 10 : 30);
    scan = null;
    collect();
    console.log(
      `\n-- ${n.toLocaleString("en")} open positions (heap ≈ ${Math.round(bytes)} bytes per open position, indexed) --`,
    );
    console.log(
      `nothing triggers: indexed p50 ${fmtUs(a.quietP50)} p99 ${fmtUs(a.quietP99)} | scan p50 ${fmtUs(b.quietP50)} p99 ${fmtUs(b.quietP99)} | scan/indexed p50 ${(b.quietP50 / a.quietP50).toFixed(0)}×, p99 ${(b.quietP99 / a.quietP99).toFixed(0)}×`,
    );
    console.log(
      `1% triggers (${a.closedPerBusyTick} closes/tick): indexed p50 ${fmtUs(a.busyP50)} p99 ${fmtUs(a.busyP99)} (${fmtUs(a.busyP50 / a.closedPerBusyTick)} per close) | scan p50 ${fmtUs(b.busyP50)} p99 ${fmtUs(b.busyP99)} | scan/indexed p50 ${(b.busyP50 / a.busyP50).toFixed(1)}×`,
    );
    console.log(
      `stateHash(): maintained ${hash.maintainedNs.toFixed(0)} ns per call (${hash.afterChangeNs.toFixed(0)} ns for a row update + fresh digest) | recomputed from every row ${(hash.recomputedNs / 1e6).toFixed(0)} ms | ratio ${Math.round(hash.recomputedNs / hash.maintainedNs).toLocaleString("en")}×`,
    );
    if (n === 1_000_000) {
      const ratio = b.quietP50 / a.quietP50;
      recordTarget({
        bench: "engine-core",
        figure: "quiet tick at 1M positions, scan/indexed p50",
        value: `${ratio.toFixed(0)}×`,
        target: "≥ 100×",
        ok: ratio >= 100,
      });
    }
  }

  benchAlertTicks(config);
  collect();
  benchPendingOrders();
  collect();

  console.log("\n-- model-based stress run (≥ 1,000,000 commands, 2,000 accounts) --");
  const t = Date.now();
  const stress = runStress(config, {
    operations: 1_000_000,
    accounts: 2_000,
    seed: 1,
    checkEvery: 50_000,
  });
  console.log(stress.counts);
  console.log(
    `${stress.commands.toLocaleString("en")} commands in ${((Date.now() - t) / 1000).toFixed(1)} s; ${stress.open} open at the end; hash ${stress.hash}`,
  );
  if (stress.failures.length > 0) {
    console.error("FAILURES:", stress.failures.slice(0, 10));
    process.exitCode = 1;
  } else {
    console.log(
      "conservation, no negative balance, no position past liquidation, exact liquidation, restore == live, replay == live: OK",
    );
  }
  console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
