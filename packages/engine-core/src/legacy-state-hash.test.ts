import { describe, expect, it } from "vitest";
import { createEngine, type Engine, type EngineConfig } from "./engine";
import { legacyStateHash } from "./legacy-state-hash";
import { parsePrice, parseUsd } from "./money";
import { closedSnapshotOf, type ClosedPositionSnapshot } from "./snapshot";

const config: EngineConfig = {
  markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  priceBandBp: 0,
};
const T0 = 1_700_000_000_000;

/** The engine that still retained closed clientOrderId positions printed this for the scenario below. */
const LEGACY_HASH = "b1e97368bfc57207";

function scenario(): { engine: Engine; closed: ClosedPositionSnapshot[] } {
  const engine = createEngine(config);
  const closed: ClosedPositionSnapshot[] = [];
  const run = (command: Parameters<Engine["execute"]>[0]) => {
    const out = engine.execute(command);
    expect(out.result.ok).toBe(true);
    for (const e of out.events)
      if (e.type === "positionClosed") closed.push(closedSnapshotOf(e.position));
  };
  const quote = (bid: string, ask: string, price: string, at: number) =>
    run({
      type: "applyQuote",
      symbol: "SOL_USDC",
      bid: parsePrice(bid),
      ask: parsePrice(ask),
      price: parsePrice(price),
      timestamp: at,
      at,
    });
  run({ type: "createAccount", accountId: "alice", at: T0 });
  run({ type: "createAccount", accountId: "bob", at: T0 });
  quote("150.40", "150.50", "150.45", T0);
  const open = { type: "openPosition", symbol: "SOL_USDC", at: T0 + 1 } as const;
  run({
    ...open,
    accountId: "alice",
    positionId: "p1",
    side: "long",
    margin: parseUsd("1000"),
    leverage: 2,
    clientOrderId: "c1",
    takeProfit: parsePrice("170"),
  });
  run({
    ...open,
    accountId: "bob",
    positionId: "p2",
    side: "short",
    margin: parseUsd("250.5"),
    leverage: 10,
    clientOrderId: "c2",
    stopLoss: parsePrice("155"),
  });
  run({
    ...open,
    accountId: "alice",
    positionId: "p3",
    side: "long",
    margin: parseUsd("100"),
    leverage: 5,
  });
  quote("151.10", "151.20", "151.15", T0 + 2);
  run({ type: "closePosition", accountId: "alice", positionId: "p1", at: T0 + 3 });
  run({ type: "closePosition", accountId: "alice", positionId: "p3", at: T0 + 3 });
  return { engine, closed };
}

describe("legacyStateHash", () => {
  it("should give the hash the legacy engine stored, from today's hash and the closed clientOrderId rows", () => {
    const { engine, closed } = scenario();
    expect(closed.map((c) => c.positionId)).toEqual(["p1", "p3"]);
    expect(engine.stateHash()).not.toBe(LEGACY_HASH);
    // p3 has no clientOrderId: the legacy engine did not retain it, and it is skipped here too.
    expect(legacyStateHash(engine.stateHash(), closed)).toBe(LEGACY_HASH);
    expect(legacyStateHash(engine.stateHash(), [])).toBe(engine.stateHash());
  });

  it("should refuse a hash that is not 16 hex digits", () => {
    expect(() => legacyStateHash("xyz", [])).toThrow(/not a state hash/);
  });
});
