import { describe, expect, it } from "vitest";
import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineConfig,
  type EngineSnapshot,
} from "./engine";
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

function quote(engine: Engine, bid: string, ask: string, timestamp: number, at = timestamp) {
  const out = engine.execute({
    type: "applyQuote",
    symbol: "SOL_USDC",
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(bid),
    timestamp,
    at,
  });
  if (!out.result.ok) throw new Error(out.result.message);
  return out.result.value;
}

function place(
  engine: Engine,
  alertId: string,
  condition: "above" | "below",
  price: string,
  accountId = "alice",
) {
  return engine.execute({
    type: "placeAlert",
    accountId,
    alertId,
    symbol: "SOL_USDC",
    condition,
    price: parsePrice(price),
    at: T0,
  });
}

function setup(): Engine {
  const engine = createEngine(config);
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  engine.execute({ type: "createAccount", accountId: "bob", at: T0 });
  quote(engine, "100", "100.1", T0);
  return engine;
}

describe("price alerts", () => {
  it("an above alert should fire once, at the first ask that reaches it, with that ask", () => {
    const engine = setup();
    expect(place(engine, "up", "above", "101").result.ok).toBe(true);
    expect(quote(engine, "100.89", "100.99", T0 + 1).alerts).toEqual([]);
    const hit = quote(engine, "100.9", "101", T0 + 2);
    expect(hit.alerts).toHaveLength(1);
    expect(hit.alerts[0]).toMatchObject({
      alert: { alertId: "up" },
      price: parsePrice("101"),
      triggeredAt: T0 + 2,
    });
    // One-shot: the next tick beyond it fires nothing.
    expect(quote(engine, "102", "102.1", T0 + 3).alerts).toEqual([]);
    expect(engine.armedAlertCount()).toBe(0);
  });

  it("a below alert should fire at the bid, not at the ask", () => {
    const engine = setup();
    place(engine, "down", "below", "99");
    expect(quote(engine, "99.01", "99.1", T0 + 1).alerts).toEqual([]);
    const hit = quote(engine, "98.5", "98.6", T0 + 2);
    expect(hit.alerts.map((a) => [a.alert.alertId, a.price])).toEqual([
      ["down", parsePrice("98.5")],
    ]);
  });

  it("a quote already stale on arrival should fire no alert", () => {
    const engine = setup();
    place(engine, "up", "above", "101");
    expect(quote(engine, "150", "150.1", T0 + 1, T0 + 60_000).alerts).toEqual([]);
    expect(engine.armedAlertCount()).toBe(1);
  });

  it("removeAlert should disarm only the owner's armed alert; another's is NOT_FOUND", () => {
    const engine = setup();
    place(engine, "a1", "above", "101");
    const foreign = engine.execute({
      type: "removeAlert",
      accountId: "bob",
      alertId: "a1",
      at: T0,
    });
    expect(foreign.result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const own = engine.execute({ type: "removeAlert", accountId: "alice", alertId: "a1", at: T0 });
    expect(own.result).toMatchObject({ ok: true, value: { alert: { alertId: "a1" } } });
    expect(quote(engine, "101", "101.1", T0 + 1).alerts).toEqual([]);
  });

  it("placeAlert should refuse an unknown symbol, a zero price and a repeated id, changing nothing", () => {
    const engine = setup();
    const hash = engine.stateHash();
    const bad = engine.execute({
      type: "placeAlert",
      accountId: "alice",
      alertId: "x",
      symbol: "DOGE_USDC",
      condition: "above",
      price: parsePrice("1"),
      at: T0,
    });
    expect(bad.result).toMatchObject({ ok: false, code: "INVALID_REQUEST" });
    expect(place(engine, "x", "above", "0").result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(engine.stateHash()).toBe(hash);
    place(engine, "x", "above", "105");
    expect(place(engine, "x", "below", "95").result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
  });

  it("armed alerts should survive snapshot and restore, hash included, and still fire", () => {
    const engine = setup();
    place(engine, "up", "above", "101");
    place(engine, "down", "below", "99", "bob");
    const restored = restoreEngine(
      config,
      JSON.parse(JSON.stringify(engine.snapshot())) as EngineSnapshot,
    );
    expect(restored.stateHash()).toBe(engine.stateHash());
    expect(restored.recomputeStateHash()).toBe(engine.stateHash());
    const out = restored.execute({
      type: "applyQuote",
      symbol: "SOL_USDC",
      bid: parsePrice("101"),
      ask: parsePrice("101.1"),
      price: parsePrice("101"),
      timestamp: T0 + 1,
      at: T0 + 1,
    });
    expect(out.result).toMatchObject({
      ok: true,
      value: { alerts: [{ alert: { alertId: "up" } }] },
    });
  });

  it("alerts met by the same tick should fire in creation order", () => {
    const engine = setup();
    engine.execute({
      type: "placeAlert",
      accountId: "alice",
      alertId: "b",
      symbol: "SOL_USDC",
      condition: "above",
      price: parsePrice("100.5"),
      at: T0 + 1,
    });
    engine.execute({
      type: "placeAlert",
      accountId: "bob",
      alertId: "a",
      symbol: "SOL_USDC",
      condition: "above",
      price: parsePrice("100.2"),
      at: T0 + 2,
    });
    const fired = quote(engine, "101", "101.1", T0 + 3).alerts.map((a) => a.alert.alertId);
    expect(fired).toEqual(["b", "a"]);
  });
});
