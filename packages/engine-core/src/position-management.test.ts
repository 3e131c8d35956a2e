import { describe, expect, it } from "vitest";
import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineConfig,
  type EngineSnapshot,
  type OpenPositionCommand,
  type Position,
} from "./engine";
import { checkInvariants } from "./invariants";
import { parsePrice, parseQty, parseUsd } from "./money";
import { liquidationPriceOf } from "./position-math";

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
let clock = T0;

function quote(engine: Engine, bid: string, ask: string, symbol = "SOL_USDC") {
  clock += 1;
  const out = engine.execute({
    type: "applyQuote",
    symbol,
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(bid),
    timestamp: clock,
    at: clock,
  });
  if (!out.result.ok) throw new Error(out.result.message);
  return out;
}

function setup(kind: "indexed" | "scan"): Engine {
  clock = T0;
  const engine = createEngine(config, { triggerIndex: kind });
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  engine.execute({ type: "createAccount", accountId: "bob", at: T0 });
  quote(engine, "100", "100");
  quote(engine, "30000", "30000", "BTC_USDC");
  return engine;
}

function open(engine: Engine, over: Partial<OpenPositionCommand> = {}): Position {
  const out = engine.execute({
    type: "openPosition",
    accountId: "alice",
    positionId: "p1",
    symbol: "SOL_USDC",
    side: "long",
    margin: parseUsd("1000"),
    leverage: 10,
    at: clock,
    ...over,
  });
  if (!out.result.ok) throw new Error(`${out.result.code} ${out.result.message}`);
  return out.result.value.position;
}

function modify(
  engine: Engine,
  fields: Record<string, unknown>,
  positionId = "p1",
  accountId = "alice",
) {
  return engine.execute({ type: "modifyPosition", accountId, positionId, at: clock, ...fields });
}

function expectSound(engine: Engine): void {
  expect(checkInvariants(engine)).toEqual([]);
  const restored = restoreEngine(
    config,
    JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot,
  );
  expect(restored.stateHash()).toBe(engine.stateHash());
}

describe.each(["indexed", "scan"] as const)("position management (%s finder)", (kind) => {
  it("modifyPosition should set, keep and clear stops, and the new stop loss should fire", () => {
    const engine = setup(kind);
    open(engine); // long 100 SOL at 100, liquidation 90
    const set = modify(engine, { stopLoss: parsePrice("95"), takeProfit: parsePrice("120") });
    expect(set.result).toMatchObject({
      ok: true,
      value: { position: { stopLoss: parsePrice("95"), takeProfit: parsePrice("120") } },
    });
    expect(set.events.map((e) => e.type)).toEqual(["positionUpdated"]);
    const kept = modify(engine, { takeProfit: null });
    expect(kept.result).toMatchObject({
      ok: true,
      value: { position: { stopLoss: parsePrice("95"), takeProfit: null } },
    });
    expectSound(engine);
    expect(quote(engine, "119", "119").result).toMatchObject({ value: { closed: [] } });
    const fired = quote(engine, "95", "95");
    expect(fired.result).toMatchObject({
      value: { closed: [{ positionId: "p1", reason: "stop_loss" }] },
    });
    expectSound(engine);
  });

  it("modifyPosition should refuse crossed levels and levels beyond liquidation with INVALID_STOPS, changing nothing", () => {
    const engine = setup(kind);
    open(engine);
    quote(engine, "105", "105"); // in profit
    const hash = engine.stateHash();
    for (const fields of [
      { stopLoss: parsePrice("105") }, // at the bid: already crossed
      { stopLoss: parsePrice("89") }, // beyond liquidation 90
      { takeProfit: parsePrice("104") }, // below the bid: already crossed
      { takeProfit: parsePrice("99") }, // below entry
      { trailingStop: { distance: parsePrice("15") } }, // level 90 = liquidation
    ]) {
      expect(modify(engine, fields).result).toMatchObject({ ok: false, code: "INVALID_STOPS" });
    }
    expect(engine.stateHash()).toBe(hash);
    // A stop loss above the entry locks in profit on a position in profit.
    expect(modify(engine, { stopLoss: parsePrice("102") }).result.ok).toBe(true);
  });

  it("modifyPosition should answer POSITION_NOT_FOUND for another account's position and PRICE_UNAVAILABLE when stale", () => {
    const engine = setup(kind);
    open(engine);
    expect(modify(engine, { stopLoss: parsePrice("95") }, "p1", "bob").result).toMatchObject({
      code: "POSITION_NOT_FOUND",
    });
    clock += 20_000;
    expect(modify(engine, { stopLoss: parsePrice("95") }).result).toMatchObject({
      code: "PRICE_UNAVAILABLE",
    });
    // Clearing needs no price.
    expect(modify(engine, { stopLoss: null }).result.ok).toBe(true);
  });

  it("a trailing stop should follow the best bid, never move back, and close with reason trailing_stop", () => {
    const engine = setup(kind);
    open(engine);
    const set = modify(engine, { trailingStop: { distance: parsePrice("2") } });
    expect(set.result).toMatchObject({
      ok: true,
      value: { position: { trailingStop: { distance: parsePrice("2"), level: parsePrice("98") } } },
    });
    const up = quote(engine, "104", "104.1");
    expect(up.events).toContainEqual(expect.objectContaining({ type: "positionUpdated" }));
    expect(engine.getOpenPositions("alice")[0]?.trailingStop?.level).toBe(parsePrice("102"));
    const dip = quote(engine, "103", "103.1");
    expect(dip.events.filter((e) => e.type === "positionUpdated")).toEqual([]);
    expect(engine.getOpenPositions("alice")[0]?.trailingStop?.level).toBe(parsePrice("102"));
    expectSound(engine);
    const fired = quote(engine, "101.5", "101.6");
    expect(fired.result).toMatchObject({
      value: { closed: [{ reason: "trailing_stop", closePrice: parsePrice("101.5") }] },
    });
    expectSound(engine);
  });

  it("a short trailing stop should follow the best ask downwards", () => {
    const engine = setup(kind);
    open(engine, { side: "short" });
    modify(engine, { trailingStop: { distance: parsePrice("1") } });
    quote(engine, "94.9", "95");
    expect(engine.getOpenPositions("alice")[0]?.trailingStop?.level).toBe(parsePrice("96"));
    quote(engine, "95.9", "96");
    expect(engine.getOpenPositions("alice")).toEqual([]);
  });

  it("the nearer of stop loss and trailing stop should name the close", () => {
    const engine = setup(kind);
    open(engine);
    modify(engine, { stopLoss: parsePrice("97"), trailingStop: { distance: parsePrice("5") } });
    expect(quote(engine, "96", "96").result).toMatchObject({
      value: { closed: [{ reason: "stop_loss" }] },
    });
  });

  it("a partial close should take its share of the margin, keep the entry and store the recomputed liquidation price", () => {
    const engine = setup(kind);
    open(engine, { margin: parseUsd("1000"), leverage: 3 }); // 30 SOL at 100
    quote(engine, "101", "101");
    const before = engine.getAccount("alice")?.balances.USD ?? 0n;
    const out = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      quantity: parseQty("10"),
      at: clock,
    });
    if (!out.result.ok) throw new Error(out.result.message);
    const { position: part, remaining } = out.result.value;
    expect(part.quantity).toBe(parseQty("10"));
    // 1000 × 10 / 30 = 333.333… → 333.33 (down); the remainder keeps the other cent.
    expect(part.margin).toBe(parseUsd("333.33"));
    expect(part.realizedPnl).toBe(parseUsd("10"));
    expect(remaining).toMatchObject({
      margin: parseUsd("666.67"),
      quantity: parseQty("20"),
      entryPrice: parsePrice("100"),
    });
    expect(remaining?.liquidationPrice).toBe(
      liquidationPriceOf("long", parsePrice("100"), parseUsd("666.67"), parseQty("20")),
    );
    expect(engine.getOpenPositions("alice")[0]).toEqual(remaining);
    expect(engine.getAccount("alice")?.balances.USD).toBe(before + parseUsd("343.33"));
    expect(out.events.map((e) => e.type)).toEqual([
      "positionClosed",
      "positionUpdated",
      "accountChanged",
    ]);
    expectSound(engine);
  });

  it("closing the whole open quantity should close it all; more is INVALID_QUANTITY", () => {
    const engine = setup(kind);
    const p = open(engine);
    const more = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      quantity: parseQty("100.00000001"),
      at: clock,
    });
    expect(more.result).toMatchObject({ ok: false, code: "INVALID_QUANTITY" });
    const all = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      quantity: p.quantity,
      at: clock,
    });
    expect(all.result).toMatchObject({
      ok: true,
      value: { remaining: null, position: { quantity: p.quantity } },
    });
    expect(engine.openPositionCount()).toBe(0);
  });

  it("a part too small to carry a cent of margin should be INVALID_QUANTITY", () => {
    const engine = setup(kind);
    open(engine, { margin: parseUsd("1"), leverage: 1 }); // 0.01 SOL
    const out = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      quantity: parseQty("0.00000001"),
      at: clock,
    });
    expect(out.result).toMatchObject({ ok: false, code: "INVALID_QUANTITY" });
  });

  it("closeAllPositions should close what the filters select in one command and leave the rest", () => {
    const engine = setup(kind);
    open(engine, { positionId: "a", side: "long" });
    open(engine, { positionId: "b", side: "short" });
    open(engine, { positionId: "c", side: "long", symbol: "BTC_USDC" });
    open(engine, { positionId: "other", accountId: "bob" });
    quote(engine, "102", "102"); // SOL long a in profit, short b losing
    const profitable = engine.execute({
      type: "closeAllPositions",
      accountId: "alice",
      filter: "profitable",
      at: clock,
    });
    expect(profitable.result).toMatchObject({
      ok: true,
      value: { closed: [{ positionId: "a" }], realizedPnl: parseUsd("200") },
    });
    expect(
      engine
        .getOpenPositions("alice")
        .map((p) => p.positionId)
        .sort(),
    ).toEqual(["b", "c"]);
    const btc = engine.execute({
      type: "closeAllPositions",
      accountId: "alice",
      symbol: "BTC_USDC",
      at: clock,
    });
    expect(btc.result).toMatchObject({ ok: true, value: { closed: [{ positionId: "c" }] } });
    const shorts = engine.execute({
      type: "closeAllPositions",
      accountId: "alice",
      side: "short",
      filter: "losing",
      at: clock,
    });
    expect(shorts.result).toMatchObject({
      ok: true,
      value: { closed: [{ positionId: "b", reason: "manual" }] },
    });
    expect(engine.getOpenPositions("bob")).toHaveLength(1);
    expectSound(engine);
  });

  it("closeAllPositions should close nothing when a selected market is stale", () => {
    const engine = setup(kind);
    open(engine, { positionId: "a" });
    clock += 5_000;
    quote(engine, "30000", "30000", "BTC_USDC");
    open(engine, { positionId: "c", symbol: "BTC_USDC" });
    clock += 6_000; // SOL stale, BTC fresh
    const hash = engine.stateHash();
    const out = engine.execute({ type: "closeAllPositions", accountId: "alice", at: clock });
    expect(out.result).toMatchObject({ ok: false, code: "PRICE_UNAVAILABLE" });
    expect(engine.stateHash()).toBe(hash);
    expect(
      engine.execute({
        type: "closeAllPositions",
        accountId: "alice",
        symbol: "BTC_USDC",
        at: clock,
      }).result.ok,
    ).toBe(true);
  });
});
