import { type TClosedPosition } from "@repo/shared-types/api";
import { describe, expect, it } from "vitest";
import { prependClosed } from "./queries";

const closed = (positionId: string, realizedPnL: number): TClosedPosition => ({
  positionId,
  asset: "SOL",
  type: "long",
  margin: 100,
  leverage: 100,
  entryPrice: 150,
  quantity: 66.66666666,
  unrealizedPnL: 0,
  timestamp: 1,
  liquidationPrice: 148.5,
  stopLoss: null,
  takeProfit: null,
  trailingStop: null,
  currentPrice: 148.4,
  closePrice: 148.4,
  realizedPnL,
  closedAt: 2,
  closeReason: "liquidation",
});

describe("prependClosed", () => {
  it("should put the newest close first", () => {
    const next = prependClosed([closed("a", 1)], closed("b", -100));
    expect(next?.map((p) => p.positionId)).toEqual(["b", "a"]);
  });

  it("should list a close once when REST and the socket both report it", () => {
    const once = prependClosed([closed("a", 1)], closed("b", -100));
    const twice = prependClosed(once, closed("b", -100));
    expect(twice?.map((p) => p.positionId)).toEqual(["b", "a"]);
  });

  it("should keep each partial close of a position as its own row", () => {
    const first = { ...closed("a", 1), quantity: 10, closedAt: 2 };
    const second = { ...closed("a", 2), quantity: 20, closedAt: 3 };
    const next = prependClosed(prependClosed([], first), second);
    expect(next?.map((p) => p.quantity)).toEqual([20, 10]);
  });

  it("should not invent a history that was never fetched", () => {
    expect(prependClosed(undefined, closed("b", -100))).toBeUndefined();
  });
});
