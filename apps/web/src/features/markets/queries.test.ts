import { type TMarketInfo } from "@repo/shared-types/api";
import { describe, expect, it } from "vitest";
import { applyTick } from "./queries";

const sol: TMarketInfo = {
  symbol: "SOL_USDC",
  asset: "SOL",
  bid: 150,
  ask: 150.1,
  price: 150.05,
  timestamp: 1_000,
  stale: true,
  maxLeverage: 100,
  source: "simulator",
};
const btc: TMarketInfo = { ...sol, symbol: "BTC_USDC", asset: "BTC" };

describe("applyTick", () => {
  it("should patch only the tick's market and mark it fresh", () => {
    const next = applyTick([sol, btc], { symbol: "SOL_USDC", bid: 151, ask: 151.2, price: 151.1, timestamp: 2_000 });
    expect(next?.[0]).toEqual({ ...sol, bid: 151, ask: 151.2, price: 151.1, timestamp: 2_000, stale: false });
    expect(next?.[1]).toBe(btc);
  });

  it("should ignore a tick older than the cached quote and keep the same array", () => {
    const markets = [sol, btc];
    expect(applyTick(markets, { symbol: "SOL_USDC", bid: 1, ask: 1, price: 1, timestamp: 999 })).toBe(markets);
  });

  it("should leave an empty cache empty", () => {
    expect(applyTick(undefined, { symbol: "SOL_USDC", bid: 1, ask: 1, price: 1, timestamp: 1 })).toBeUndefined();
  });
});
