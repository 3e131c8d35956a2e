import { describe, expect, it } from "vitest";
import { createEngine, type EngineConfig } from "./engine";
import { parsePrice, parseUsd } from "./money";

const config: EngineConfig = {
  markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
};
const T0 = 1_700_000_000_000;

function setup() {
  const engine = createEngine(config);
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  const quote = (bid: string, ask: string, at: number) =>
    engine.execute({
      type: "applyQuote",
      symbol: "SOL_USDC",
      bid: parsePrice(bid),
      ask: parsePrice(ask),
      price: parsePrice(ask),
      timestamp: at,
      at,
    });
  const open = (positionId: string, margin: string, at: number) =>
    engine.execute({
      type: "openPosition",
      accountId: "alice",
      positionId,
      symbol: "SOL_USDC",
      side: "long",
      margin: parseUsd(margin),
      leverage: 10,
      at,
    });
  return { engine, quote, open };
}

describe("freeMargin", () => {
  it("open should refuse a margin above balance + floating loss, the figure the account summary shows", () => {
    const { engine, quote, open } = setup();
    quote("100", "100", T0);
    expect(open("p1", "5000", T0 + 1).result.ok).toBe(true);
    // −5 %: the 10× long loses 5000 × 10 × 5 % = 2500 unrealised, leaving 5000 − 2500 free.
    quote("95", "95", T0 + 2);
    expect(engine.accountSummary("alice")?.freeMargin).toBe(parseUsd("2500"));
    expect(open("p2", "2500.01", T0 + 3).result).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_FUNDS",
    });
    expect(open("p2", "2500", T0 + 3).result.ok).toBe(true);
  });

  it("floating profit should not count: a new margin leaves the cash balance, which never goes negative", () => {
    const { engine, quote, open } = setup();
    quote("100", "100", T0);
    expect(open("p1", "5000", T0 + 1).result.ok).toBe(true);
    quote("110", "110", T0 + 2);
    expect(engine.accountSummary("alice")?.freeMargin).toBe(parseUsd("5000"));
    expect(open("p2", "5000.01", T0 + 3).result).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_FUNDS",
    });
  });
});
