import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineCommand,
  type EngineConfig,
  type EngineSnapshot,
} from "../src/engine";
import { checkInvariants } from "../src/invariants";
import { priceFromUnits, usdFromCents, type Price } from "../src/money";
import { mulberry32 } from "./prng";

/**
 * The long version of the model-based property run: `operations` random opens, closes, pending
 * orders (place, cancel, fill, expire) and ticks over many accounts, with the same checks as the fast-check suite —
 * every close is checked against the liquidation price reported at open (liquidated exactly when
 * the tick reached it, loss then exactly the margin), conservation / no negative balance / nothing
 * open past liquidation every `checkEvery` operations, snapshot → restore → same hash, and finally
 * a replay of the whole command log into a fresh engine → the same hash.
 */
export function runStress(
  config: EngineConfig,
  options: { operations: number; accounts: number; seed: number; checkEvery: number },
) {
  const random = mulberry32(options.seed);
  const int = (n: number): number => Math.floor(random() * n);
  let engine: Engine = createEngine(config);
  const log: EngineCommand[] = [];
  const reportedLiq = new Map<string, Price>();
  const symbols = config.markets.map((m) => m.symbol);
  const mids = symbols.map(() => 10_000_000_000n); // 100.00
  const openIds: string[] = [];
  let time = 1_700_000_000_000;
  let nextPosition = 0;
  let nextOrder = 0;
  let expiredUpTo = time;
  const orderIds: string[] = [];
  const counts = {
    opened: 0,
    ordersPlaced: 0,
    ordersFilled: 0,
    ordersRejectedAtFill: 0,
    ordersExpired: 0,
    ordersCancelled: 0,
    rejected: 0,
    manual: 0,
    liquidation: 0,
    stop_loss: 0,
    take_profit: 0,
    reset: 0,
    restores: 0,
    checks: 0,
  };
  const failures: string[] = [];

  const run = <C extends EngineCommand>(command: C) => {
    log.push(command);
    return engine.execute(command);
  };
  const tick = (market: number, bid: bigint, ask: bigint) => {
    const out = run({
      type: "applyQuote",
      symbol: symbols[market] ?? "",
      bid: priceFromUnits(bid),
      ask: priceFromUnits(ask),
      price: priceFromUnits((bid + ask) / 2n),
      timestamp: time,
      at: time,
    });
    if (!out.result.ok) throw new Error(out.result.message);
    // A tick the price band holds expires nothing; an applied one expires everything due.
    if (out.result.value.applied) expiredUpTo = time;
    for (const o of out.result.value.orders) {
      if (o.status === "expired") counts.ordersExpired++;
      else if (o.status === "rejected") counts.ordersRejectedAtFill++;
      else if (o.status === "filled") {
        counts.ordersFilled++;
        const opened = out.events.find((e) => e.type === "positionOpened" && e.position.positionId === o.orderId);
        if (opened?.type !== "positionOpened") {
          failures.push(`${o.orderId}: filled without a position`);
          continue;
        }
        const entry = opened.position.entryPrice;
        const worse = o.side === "long" ? entry > o.price : entry < o.price;
        if (o.orderType === "limit" && worse) failures.push(`${o.orderId}: filled worse than its limit`);
        reportedLiq.set(o.orderId, opened.position.liquidationPrice);
        openIds.push(o.orderId);
      }
    }
    for (const c of out.result.value.closed) {
      counts[c.reason]++;
      const beyond = c.side === "long" ? bid <= c.liquidationPrice : ask >= c.liquidationPrice;
      if (reportedLiq.get(c.positionId) !== c.liquidationPrice)
        failures.push(`${c.positionId}: liquidation price changed`);
      if ((c.reason === "liquidation") !== beyond)
        failures.push(`${c.positionId}: ${c.reason} with beyond=${beyond}`);
      if (beyond && c.realizedPnl !== 0n - c.margin)
        failures.push(`${c.positionId}: liquidation loss ≠ margin`);
      reportedLiq.delete(c.positionId);
    }
  };

  for (let a = 0; a < options.accounts; a++)
    run({ type: "createAccount", accountId: `a${a}`, at: time });
  symbols.forEach((_s, i) => tick(i, 10_000_000_000n, 10_000_000_000n));

  // Counts executed commands (a close of an already-closed position is skipped, not counted).
  for (let op = 1; log.length < options.operations; op++) {
    const roll = random();
    const market = int(symbols.length);
    const mid = mids[market] ?? 1n;
    if (roll < 0.45) {
      const side = random() < 0.5 ? ("long" as const) : ("short" as const);
      const sign = side === "long" ? -1n : 1n;
      const slPermille = random() < 0.4 ? BigInt(1 + int(300)) : null;
      const tpPermille = random() < 0.4 ? BigInt(1 + int(300)) : null;
      const positionId = `p${nextPosition++}`;
      const out = run({
        type: "openPosition",
        accountId: `a${int(options.accounts)}`,
        positionId,
        symbol: symbols[market] ?? "",
        side,
        margin: usdFromCents(BigInt(100 + int(50_000))),
        leverage: 1 + int(100),
        stopLoss:
          slPermille === null ? undefined : priceFromUnits(mid + (sign * mid * slPermille) / 1000n),
        takeProfit:
          tpPermille === null ? undefined : priceFromUnits(mid - (sign * mid * tpPermille) / 1000n),
        clientOrderId: random() < 0.05 ? `c${int(1000)}` : undefined,
        at: time,
      });
      if (out.result.ok && !out.result.value.replayed) {
        counts.opened++;
        openIds.push(positionId);
        reportedLiq.set(positionId, out.result.value.position.liquidationPrice);
      } else if (!out.result.ok) {
        counts.rejected++;
      }
    } else if (roll < 0.53) {
      const side = random() < 0.5 ? ("long" as const) : ("short" as const);
      const orderType = random() < 0.5 ? ("limit" as const) : ("stop" as const);
      const below = (side === "long") === (orderType === "limit");
      const permille = BigInt(1 + int(60));
      const price = mid + ((below ? -1n : 1n) * mid * permille) / 1000n;
      const orderId = `o${nextOrder++}`;
      const out = run({
        type: "placeOrder",
        accountId: `a${int(options.accounts)}`,
        orderId,
        symbol: symbols[market] ?? "",
        side,
        orderType,
        price: priceFromUnits(price),
        margin: usdFromCents(BigInt(100 + int(50_000))),
        leverage: 1 + int(100),
        expiresAt: random() < 0.3 ? time + 1 + int(20_000) : undefined,
        at: time,
      });
      if (out.result.ok) {
        counts.ordersPlaced++;
        orderIds.push(orderId);
      } else counts.rejected++;
    } else if (roll < 0.55 && orderIds.length > 0) {
      const index = int(orderIds.length);
      const orderId = orderIds[index] ?? "";
      orderIds[index] = orderIds[orderIds.length - 1] ?? "";
      orderIds.pop();
      const order = engine.getOrder(orderId);
      if (order !== null) {
        const out = run({ type: "cancelOrder", accountId: order.accountId, orderId, at: time });
        if (out.result.ok) counts.ordersCancelled++;
        else failures.push(`cancel ${orderId}: ${out.result.code}`);
      }
    } else if (roll < 0.62 && openIds.length > 0) {
      const index = int(openIds.length);
      const positionId = openIds[index] ?? "";
      openIds[index] = openIds[openIds.length - 1] ?? "";
      openIds.pop();
      const position = engine.getPosition(positionId);
      if (position !== null && !("closedAt" in position)) {
        const out = run({
          type: "closePosition",
          accountId: position.accountId,
          positionId,
          at: time,
        });
        if (out.result.ok) {
          counts.manual++;
          reportedLiq.delete(positionId);
        } else failures.push(`close ${positionId}: ${out.result.code}`);
      }
    } else {
      time += int(500);
      const move = BigInt(int(81) - 40); // ±4 %, occasionally a gap
      const gap = random() < 0.01 ? BigInt(int(601) - 300) : 0n;
      let next = mid + (mid * (move + gap)) / 1000n;
      if (next < 100_000_000n) next = 100_000_000n;
      if (next > 1_000_000_000_000n) next = 1_000_000_000_000n;
      mids[market] = next;
      const half = (next * BigInt(int(20))) / 20_000n;
      tick(market, next - half, next + half);
    }
    if (op % options.checkEvery === 0) {
      counts.checks++;
      failures.push(...checkInvariants(engine, expiredUpTo));
    }
    if (op % (options.checkEvery * 5) === 0) {
      const hash = engine.stateHash();
      engine = restoreEngine(
        config,
        JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot,
      );
      counts.restores++;
      if (engine.stateHash() !== hash) failures.push(`restore at op ${op} changed the hash`);
    }
    if (failures.length > 10) break;
  }
  failures.push(...checkInvariants(engine));
  const replay = createEngine(config);
  for (const command of log) replay.execute(command);
  const hash = engine.stateHash();
  if (replay.stateHash() !== hash) failures.push("replaying the command log gave a different hash");
  return { counts, failures, hash, commands: log.length, open: engine.openPositionCount() };
}
