import { describe, expect, it } from "vitest";
import { createEngine, type Engine, type EngineConfig } from "./engine";
import { checkInvariants } from "./invariants";
import { parsePrice, parseUsd } from "./money";

const config: EngineConfig = {
  markets: [
    { symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 },
    { symbol: "BTC_USDC", asset: "BTC", maxLeverage: 100 },
  ],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  priceBandBp: 0,
};
const T0 = 1_700_000_000_000;

function quote(engine: Engine, symbol: string, bid: string, ask: string, at: number) {
  engine.execute({
    type: "applyQuote",
    symbol,
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(bid),
    timestamp: at,
    at,
  });
}

function open(
  engine: Engine,
  positionId: string,
  symbol: string,
  side: "long" | "short",
  margin: string,
  at: number,
) {
  const out = engine.execute({
    type: "openPosition",
    accountId: "alice",
    positionId,
    symbol,
    side,
    margin: parseUsd(margin),
    leverage: 10,
    at,
  });
  expect(out.result.ok).toBe(true);
}

function setup(): Engine {
  const engine = createEngine(config);
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  quote(engine, "SOL_USDC", "100", "100", T0);
  quote(engine, "BTC_USDC", "50000", "50000", T0);
  return engine;
}

describe("resetAccount", () => {
  it("should close every position at market (reason reset) and deposit what a loss took", () => {
    const engine = setup();
    open(engine, "p1", "SOL_USDC", "long", "1000", T0);
    open(engine, "p2", "BTC_USDC", "short", "500", T0 + 1);
    quote(engine, "SOL_USDC", "95", "95.1", T0 + 2); // long −50 % of margin: −500
    const out = engine.execute({ type: "resetAccount", accountId: "alice", at: T0 + 3 });
    if (!out.result.ok) throw new Error(out.result.message);
    const { closed, adjustment, account } = out.result.value;
    expect(closed.map((c) => [c.positionId, c.reason, c.closePrice])).toEqual([
      ["p1", "reset", parsePrice("95")],
      ["p2", "reset", parsePrice("50000")],
    ]);
    expect(adjustment).toBe(parseUsd("500"));
    expect(account.balances.USD).toBe(parseUsd("10000"));
    expect(account.deposits).toBe(parseUsd("10500"));
    expect(account.withdrawals).toBe(parseUsd("0"));
    expect(engine.getOpenPositions("alice")).toEqual([]);
    expect(out.events.map((e) => e.type)).toEqual([
      "positionClosed",
      "positionClosed",
      "accountReset",
      "accountChanged",
    ]);
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("should withdraw a profit above the initial deposit", () => {
    const engine = setup();
    open(engine, "p1", "SOL_USDC", "long", "1000", T0);
    quote(engine, "SOL_USDC", "110", "110", T0 + 1); // +1000
    const out = engine.execute({ type: "resetAccount", accountId: "alice", at: T0 + 2 });
    expect(out.result).toMatchObject({ ok: true, value: { adjustment: parseUsd("-1000") } });
    expect(engine.getAccount("alice")).toMatchObject({
      balances: { USD: parseUsd("10000") },
      withdrawals: parseUsd("1000"),
    });
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("should refuse the whole reset while a held market is stale, changing nothing", () => {
    const engine = setup();
    open(engine, "p1", "SOL_USDC", "long", "1000", T0);
    const hash = engine.stateHash();
    const out = engine.execute({ type: "resetAccount", accountId: "alice", at: T0 + 20_000 });
    expect(out.result).toMatchObject({ ok: false, code: "PRICE_UNAVAILABLE" });
    expect(engine.stateHash()).toBe(hash);
    expect(engine.getOpenPositions("alice")).toHaveLength(1);
  });

  it("an unknown account should be NOT_FOUND", () => {
    const engine = setup();
    expect(
      engine.execute({ type: "resetAccount", accountId: "nobody", at: T0 }).result,
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("should cancel every open order, releasing its reserved margin, before setting the balance", () => {
    const engine = setup();
    open(engine, "p1", "SOL_USDC", "long", "1000", T0 + 1);
    const placed = engine.execute({
      type: "placeOrder",
      accountId: "alice",
      orderId: "o1",
      symbol: "SOL_USDC",
      side: "long",
      orderType: "limit",
      price: parsePrice("90"),
      margin: parseUsd("2500"),
      leverage: 5,
      at: T0 + 2,
    });
    expect(placed.result.ok).toBe(true);
    const out = engine.execute({ type: "resetAccount", accountId: "alice", at: T0 + 3 });
    if (!out.result.ok) throw new Error(out.result.message);
    expect(out.result.value.orders.map((o) => [o.orderId, o.status])).toEqual([["o1", "cancelled"]]);
    expect(engine.getOpenOrders("alice")).toEqual([]);
    expect(engine.getOpenPositions("alice")).toEqual([]);
    expect(engine.getAccount("alice")?.balances.USD).toBe(parseUsd("10000"));
    expect(engine.accountSummary("alice")?.equity).toBe(parseUsd("10000"));
    expect(checkInvariants(engine)).toEqual([]);
  });
});
