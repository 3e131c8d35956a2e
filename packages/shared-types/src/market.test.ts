import { describe, expect, it } from "vitest";
import { ZCandleMessage } from "./candle";
import { ZMarketUpdate } from "./market";

const update = {
  schemaVersion: 1,
  symbol: "SOL_USDC",
  price: "150.50",
  bid: "150.49",
  ask: "150.51",
  volume: "1000000",
  timestamp: 1694097600000,
  source: "backpack",
};

describe("ZMarketUpdate", () => {
  it("accepts the contract's example message", () => {
    expect(ZMarketUpdate.parse(update)).toEqual(update);
  });

  it("refuses a crossed book, a zero price and numbers instead of decimal strings", () => {
    expect(ZMarketUpdate.safeParse({ ...update, bid: "150.52" }).success).toBe(false);
    expect(ZMarketUpdate.safeParse({ ...update, bid: "0" }).success).toBe(false);
    expect(ZMarketUpdate.safeParse({ ...update, ask: 150.51 }).success).toBe(false);
    expect(ZMarketUpdate.safeParse({ ...update, schemaVersion: 2 }).success).toBe(false);
  });
});

describe("ZCandleMessage", () => {
  it("accepts null prices for a minute without trades but requires a minute-aligned start", () => {
    const candle = {
      schemaVersion: 1,
      symbol: "SOL_USDC",
      interval: "1m",
      time: 1694097600,
      open: null,
      high: null,
      low: null,
      close: null,
      volume: "0",
      closed: true,
      source: "simulator",
    };
    expect(ZCandleMessage.safeParse(candle).success).toBe(true);
    expect(ZCandleMessage.safeParse({ ...candle, time: 1694097601 }).success).toBe(false);
  });
});
