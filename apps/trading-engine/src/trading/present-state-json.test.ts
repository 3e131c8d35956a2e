import { createEngine, restoreEngine, type Engine } from "@repo/engine-core/engine";
import { parsePrice, parseUsd } from "@repo/engine-core/money";
import { describe, expect, it } from "vitest";
import { presentState } from "./present";
import { engineConfig } from "./restore-engine";
import { presentStateJson } from "./present-state-json";

const T0 = 1_700_000_000_000;

function quote(engine: Engine, symbol: string, bid: string, ask: string, at: number): void {
  const out = engine.execute({ type: "applyQuote", symbol, bid: parsePrice(bid), ask: parsePrice(ask), price: parsePrice(bid), timestamp: at, at });
  if (!out.result.ok) throw new Error(out.result.message);
}

describe("presentStateJson", () => {
  it("should equal JSON.stringify of the presented state exactly, across quotes, closes and every field shape", () => {
    const engine = createEngine(engineConfig(600_000, { priceBandBp: 0 }));
    engine.execute({ type: "createAccount", accountId: "u1", at: T0 });
    const same = () => expect(presentStateJson(engine, "u1")).toBe(JSON.stringify(presentState(engine, "u1")));
    same();
    quote(engine, "SOL_USDC", "150.49", "150.51", T0);
    quote(engine, "BTC_USDC", "30000.5", "30001.25", T0);
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const side = i % 2 === 0 ? "long" : "short";
      const out = engine.execute({
        type: "openPosition",
        accountId: "u1",
        positionId: `p${i}`,
        symbol: i % 3 === 0 ? "BTC_USDC" : "SOL_USDC",
        side,
        margin: parseUsd(`${1 + i}.${i % 10}3`),
        leverage: 1 + (i % 7) * 10,
        stopLoss: i % 4 === 1 && side === "long" ? parsePrice(i % 3 === 0 ? "29000" : "140.123") : undefined,
        takeProfit: i % 5 === 2 && side === "short" ? parsePrice(i % 3 === 0 ? "28000" : "120.5") : undefined,
        // Client text that looks like the keys the fragments are cut at.
        clientOrderId: i % 6 === 0 ? `c${i},"unrealizedPnL":1,"currentPrice":2}` : undefined,
        at: T0 + i,
      });
      if (!out.result.ok) throw new Error(`${i}: ${out.result.message}`);
      ids.push(`p${i}`);
    }
    same();
    const moves: [string, string][] = [["150.2", "150.3"], ["151.77", "151.79"], ["149.00000001", "149.1"]];
    for (const [k, [bid, ask]] of moves.entries()) {
      quote(engine, "SOL_USDC", bid, ask, T0 + 100 + k);
      same();
    }
    quote(engine, "BTC_USDC", "29999.99", "30000", T0 + 200);
    for (const id of ids.slice(0, 5)) engine.execute({ type: "closePosition", accountId: "u1", positionId: id, at: T0 + 300 });
    same();
    expect(presentStateJson(engine, "nobody")).toBeNull();
  });

  it("a market without a quote should mark at the entry price with zero PnL, as presentPosition does", () => {
    const engine = createEngine(engineConfig(600_000));
    engine.execute({ type: "createAccount", accountId: "u1", at: T0 });
    quote(engine, "SOL_USDC", "150.49", "150.51", T0);
    engine.execute({ type: "openPosition", accountId: "u1", positionId: "p1", symbol: "SOL_USDC", side: "long", margin: parseUsd("10"), leverage: 3, at: T0 });
    const { quotes: _quotes, ...withoutQuotes } = engine.snapshot();
    const unquoted = restoreEngine(engineConfig(600_000), withoutQuotes);
    expect(unquoted.getQuote("SOL_USDC")).toBeNull();
    expect(presentStateJson(unquoted, "u1")).toBe(JSON.stringify(presentState(unquoted, "u1")));
  });
});
