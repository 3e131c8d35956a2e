import type { ApplyQuoteCommand, Engine, ExecuteOutput, OrderType, Side } from "../src/engine";
import { priceFromUnits, usdFromCents } from "../src/money";
import { mulberry32 } from "./prng";

/** What the pending-order bench needs from the main bench: its tick and clock. */
export interface OrderBenchDeps {
  engine: Engine;
  symbol: string;
  mid: bigint;
  tick: (engine: Engine, bid: bigint, ask: bigint) => ExecuteOutput<ApplyQuoteCommand>;
  clock: () => number;
  accounts: number;
}

/**
 * Rests `n` orders that no quote within ±1 % of `mid` triggers: limits 1 %..50 % below (buys) or
 * above (sells) the market, stops 1 %..50 % beyond it, over the given accounts.
 */
export function restOrders(deps: OrderBenchDeps, n: number): void {
  const random = mulberry32(11);
  for (let i = 0; i < n; i++) {
    const side: Side = i % 2 === 0 ? "long" : "short";
    const orderType: OrderType = i % 4 < 2 ? "limit" : "stop";
    const below = (side === "long") === (orderType === "limit");
    const permille = BigInt(10 + Math.floor(random() * 490));
    const price = deps.mid + ((below ? -1n : 1n) * deps.mid * permille) / 1000n;
    const out = deps.engine.execute({
      type: "placeOrder",
      accountId: `a${i % deps.accounts}`,
      orderId: `rest${i}`,
      symbol: deps.symbol,
      side,
      orderType,
      price: priceFromUnits(price),
      margin: usdFromCents(100n),
      leverage: 1 + (i % 20),
      at: deps.clock(),
    });
    if (!out.result.ok) throw new Error(`rest: ${out.result.code} ${out.result.message}`);
  }
}

/**
 * Times ticks that fill a fresh batch of `batch` buy limits each (placed untimed before the tick,
 * at 99.5 % of mid; the tick's ask is 99.4 %, which triggers nothing else at rest). Fills per second
 * of tick time, and the mean tick.
 */
export function measureFills(
  deps: OrderBenchDeps,
  batch: number,
  rounds: number,
): { fillsPerSec: number; tickNs: number } {
  const limit = (deps.mid * 995n) / 1000n;
  const low = (deps.mid * 994n) / 1000n;
  let filled = 0;
  let ns = 0n;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < batch; i++) {
      const out = deps.engine.execute({
        type: "placeOrder",
        accountId: `a${i % deps.accounts}`,
        orderId: `fill${r}-${i}`,
        symbol: deps.symbol,
        side: "long",
        orderType: "limit",
        price: priceFromUnits(limit),
        margin: usdFromCents(100n),
        leverage: 10,
        at: deps.clock(),
      });
      if (!out.result.ok) throw new Error(`fill batch: ${out.result.code} ${out.result.message}`);
    }
    const start = process.hrtime.bigint();
    const out = deps.tick(deps.engine, low - 1_000_000n, low);
    ns += process.hrtime.bigint() - start;
    if (!out.result.ok) throw new Error("fill tick rejected");
    filled += out.result.value.orders.filter((o) => o.status === "filled").length;
    // Back to the quiet band; the new positions stay open (their liquidation is ≥ 10 % away).
    deps.tick(deps.engine, deps.mid, deps.mid + 1_000_000n);
  }
  if (filled !== batch * rounds) throw new Error(`expected ${batch * rounds} fills, got ${filled}`);
  return { fillsPerSec: filled / (Number(ns) / 1e9), tickNs: Number(ns) / rounds };
}
