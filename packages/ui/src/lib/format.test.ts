import { describe, expect, it } from "vitest";
import { formatExactPrice, formatPercent, formatPrice, formatQty, formatTickPrice, formatUsd, liquidationTick, tickDecimals } from "./format";

describe("formatUsd", () => {
  it("should group thousands and keep cents", () => {
    expect(formatUsd(10000)).toBe("$10,000.00");
    expect(formatUsd(9000.5)).toBe("$9,000.50");
  });
  it("should put the sign before the dollar and only add + when asked", () => {
    expect(formatUsd(-12.345)).toBe("-$12.35");
    expect(formatUsd(12.3, { signed: true })).toBe("+$12.30");
    expect(formatUsd(0, { signed: true })).toBe("$0.00");
  });
});

describe("formatPrice", () => {
  it("should pick decimals by magnitude", () => {
    expect(formatPrice(97123.4)).toBe("97,123.40");
    expect(formatPrice(150.5)).toBe("150.50");
    expect(formatPrice(1.5)).toBe("1.5000");
    expect(formatPrice(null)).toBe("—");
  });
});

describe("formatExactPrice", () => {
  it("should keep every significant decimal the engine sent, at least 2", () => {
    expect(formatExactPrice(74.62686567)).toBe("74.62686567");
    expect(formatExactPrice("135.00000000")).toBe("135.00");
    expect(formatExactPrice(null)).toBe("—");
  });
});

describe("formatQty / formatPercent", () => {
  it("should drop trailing zeros of quantities and sign percentages", () => {
    expect(formatQty("13.33333333")).toBe("13.33333333");
    expect(formatQty(2)).toBe("2");
    expect(formatPercent(1.234)).toBe("+1.23%");
    expect(formatPercent(-0.5)).toBe("-0.50%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("tick prices", () => {
  it("formatTickPrice should show every price of a market on its tick (SOL 0.01, BTC 0.1)", () => {
    expect(formatTickPrice("SOL_USDC", 159.2)).toBe("159.20");
    expect(formatTickPrice("BTC_USDC", 65000.25)).toBe("65,000.3");
    expect(tickDecimals("ETH_USDC")).toBe(2);
  });

  it("liquidationTick should be the first tick the engine acts on: a long's at or below, a short's at or above", () => {
    // Long: liquidated when bid ≤ 159.25499999 — the bid 159.25 does it, 159.26 does not.
    expect(liquidationTick("SOL_USDC", "long", 159.25499999)).toBe(159.25);
    // Short: liquidated when ask ≥ 140.00000001 — the first such tick is 140.01.
    expect(liquidationTick("SOL_USDC", "short", 140.00000001)).toBe(140.01);
    // A price already on the grid is its own tick (no float drift to 159.24).
    expect(liquidationTick("SOL_USDC", "long", 159.25)).toBe(159.25);
    expect(liquidationTick("SOL_USDC", "short", 0.29)).toBe(0.29);
  });
});
