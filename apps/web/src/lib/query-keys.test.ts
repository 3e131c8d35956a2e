import { describe, expect, it } from "vitest";
import { queryKeys } from "./query-keys";

describe("queryKeys", () => {
  it("should keep every account key under account.all, so sign-out drops them all", () => {
    const { all, ...keys } = queryKeys.account;
    for (const entry of Object.values(keys)) {
      const key = typeof entry === "function" ? entry({ asset: "SOL" }) : entry;
      expect(key.slice(0, all.length)).toEqual(all);
    }
  });

  it("should key candles by symbol, interval and limit", () => {
    expect(queryKeys.markets.candles("SOL_USDC", "15m", 97)).toEqual(["candles", "SOL_USDC", "15m", 97]);
  });
});
