import { describe, expect, it } from "vitest";
import { createEngine, type Engine, type EngineConfig } from "./engine";
import { checkInvariants } from "./invariants";
import { parsePrice, parseUsd } from "./money";

const config: EngineConfig = {
  markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  maxClockSkewMs: 2_000,
  priceBandBp: 1_000,
};

const T0 = 1_700_000_000_000;

function quote(engine: Engine, bid: string, ask: string, timestamp: number, at = timestamp) {
  return engine.execute({
    type: "applyQuote",
    symbol: "SOL_USDC",
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(ask),
    timestamp,
    at,
  });
}

/** alice holds a 100× long of 1000 USD opened at 100.1 (liquidation just under 99.1). */
function withLong(): Engine {
  const engine = createEngine(config);
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  quote(engine, "100", "100.1", T0);
  const opened = engine.execute({
    type: "openPosition",
    accountId: "alice",
    positionId: "p1",
    symbol: "SOL_USDC",
    side: "long",
    margin: parseUsd("1000"),
    leverage: 100,
    at: T0,
  });
  expect(opened.result.ok).toBe(true);
  return engine;
}

describe("applyQuote price integrity", () => {
  it("should measure staleness from the exchange timestamp, not the receive time", () => {
    const engine = withLong();
    quote(engine, "100", "100.1", T0 + 1_000, T0 + 1_000);
    // Received now, but stamped 11 s ago: stale on arrival, not applied, market stays as it was.
    const late = quote(engine, "100.2", "100.3", T0 + 1_001, T0 + 12_001);
    expect(late.result).toEqual({
      ok: true,
      value: { applied: false, skipped: "stale", closed: [], orders: [], alerts: [] },
    });
    expect(engine.isStale("SOL_USDC", T0 + 12_001)).toBe(true);
  });

  it("should fire no trigger on a quote already stale when it arrived", () => {
    const engine = withLong();
    const backlog = quote(engine, "50", "50.1", T0 + 1, T0 + 60_000);
    expect(backlog.result).toMatchObject({ ok: true, value: { applied: false, closed: [] } });
    expect(engine.getOpenPositions("alice")).toHaveLength(1);
    expect(engine.getQuote("SOL_USDC")?.bid).toBe(parsePrice("100"));
  });

  it("should refuse a quote stamped beyond the clock skew, so later real quotes still apply", () => {
    const engine = withLong();
    const future = quote(engine, "100", "100.1", T0 + 3_600_000, T0 + 10);
    expect(future.result).toEqual({
      ok: true,
      value: { applied: false, skipped: "future", closed: [], orders: [], alerts: [] },
    });
    const real = quote(engine, "100.05", "100.15", T0 + 20, T0 + 20);
    expect(real.result).toMatchObject({ ok: true, value: { applied: true } });
    expect(engine.getQuote("SOL_USDC")?.timestamp).toBe(T0 + 20);
  });

  it("should accept a quote stamped within the clock skew", () => {
    const engine = withLong();
    const ahead = quote(engine, "100", "100.1", T0 + 1_500, T0 + 10);
    expect(ahead.result).toMatchObject({ ok: true, value: { applied: true } });
  });

  it("should not liquidate on a lone 0.01 bid", () => {
    const engine = withLong();
    const wild = quote(engine, "0.01", "100.1", T0 + 100);
    expect(wild.result).toEqual({
      ok: true,
      value: { applied: false, skipped: "held", closed: [], orders: [], alerts: [] },
    });
    const back = quote(engine, "100", "100.1", T0 + 200);
    expect(back.result).toMatchObject({ ok: true, value: { applied: true, closed: [] } });
    expect(engine.getOpenPositions("alice")).toHaveLength(1);
  });

  it("should liquidate on a real crash one quote later, at the first crash quote", () => {
    const engine = withLong();
    expect(quote(engine, "40", "40.1", T0 + 100).result).toMatchObject({
      value: { skipped: "held" },
    });
    const confirm = quote(engine, "39", "39.1", T0 + 200);
    expect(confirm.result).toMatchObject({
      ok: true,
      value: { applied: true, closed: [{ reason: "liquidation", closePrice: parsePrice("40") }] },
    });
    expect(engine.getQuote("SOL_USDC")?.bid).toBe(parsePrice("39"));
    expect(checkInvariants(engine)).toEqual([]);
  });
});
