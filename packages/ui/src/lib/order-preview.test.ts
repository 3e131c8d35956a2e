import { describe, expect, it } from "vitest";
import { previewOrder } from "./order-preview";

describe("previewOrder", () => {
  it("should enter a long at the ask and size it margin × leverage / entry", () => {
    const p = previewOrder({ side: "long", margin: "1000", leverage: 2, bid: 149.9, ask: 150 });
    expect(p?.entryPrice).toBe("150.00000000");
    expect(p?.quantity).toBe("13.33333333");
    expect(p?.notional).toBe("2000.00");
  });

  it("should enter a short at the bid with liquidation above entry", () => {
    const p = previewOrder({ side: "short", margin: "100", leverage: 10, bid: 100, ask: 100.1 });
    expect(p?.entryPrice).toBe("100.00000000");
    expect(p?.quantity).toBe("10.00000000");
    expect(p?.liquidationPrice).toBe("110.00000000");
  });

  it("should preview a pending order at its own price, not at the quote", () => {
    const p = previewOrder({ side: "long", margin: "1000", leverage: 10, bid: 150, ask: 150.1, entry: "148" });
    expect(p?.entryPrice).toBe("148.00000000");
    // 10000 / 148 = 67.56756756…; liquidation 148 − 1000/67.56756756 rounded down
    expect(p?.quantity).toBe("67.56756756");
    expect(p?.liquidationPrice).toBe("133.19999999");
  });

  it("should put a 100x long's liquidation 1% below entry", () => {
    const p = previewOrder({ side: "long", margin: "100", leverage: 100, bid: 99.9, ask: 100 });
    expect(p?.liquidationPrice).toBe("99.00000000");
  });

  it("should round the liquidation price away from the entry like engine-core", () => {
    // qty = floor(300/7) = 42.85714285; margin/qty = 2.33333333722… → 2.33333334
    const long = previewOrder({ side: "long", margin: "100", leverage: 3, bid: 6.9, ask: 7 });
    expect(long?.quantity).toBe("42.85714285");
    expect(long?.liquidationPrice).toBe("4.66666666");
    const short = previewOrder({ side: "short", margin: "100", leverage: 3, bid: 7, ask: 7.1 });
    expect(short?.liquidationPrice).toBe("9.33333334");
  });

  it("should refuse to preview without a quote or a margin", () => {
    expect(previewOrder({ side: "long", margin: "", leverage: 2, bid: 1, ask: 1 })).toBeNull();
    expect(previewOrder({ side: "long", margin: "10", leverage: 2, bid: 1, ask: null })).toBeNull();
    expect(previewOrder({ side: "long", margin: "0", leverage: 2, bid: 1, ask: 1 })).toBeNull();
  });
});
