import { describe, expect, it } from "vitest";
import { orderLabel, priceRuleViolation } from "./pending-order-ticket";

describe("priceRuleViolation", () => {
  const bid = 150;
  const ask = 150.1;

  it("should accept a buy limit below the ask and a buy stop above it, and explain the rule otherwise", () => {
    expect(priceRuleViolation("long", "limit", "150.09", bid, ask)).toBeNull();
    expect(priceRuleViolation("long", "limit", "150.10", bid, ask)).toBe("A buy limit must be below the ask (150.10).");
    expect(priceRuleViolation("long", "stop", "150.11", bid, ask)).toBeNull();
    expect(priceRuleViolation("long", "stop", "150.1", bid, ask)).toBe("A buy stop must be above the ask (150.10).");
  });

  it("should judge sells against the bid: a sell limit above it, a sell stop below it", () => {
    expect(priceRuleViolation("short", "limit", "150.01", bid, ask)).toBeNull();
    expect(priceRuleViolation("short", "limit", "150", bid, ask)).toBe("A sell limit must be above the bid (150.00).");
    expect(priceRuleViolation("short", "stop", "149.99", bid, ask)).toBeNull();
    expect(priceRuleViolation("short", "stop", "150.00", bid, ask)).toBe("A sell stop must be below the bid (150.00).");
  });

  it("should say nothing without a quote or while the price is not a number yet", () => {
    expect(priceRuleViolation("long", "limit", "200", null, null)).toBeNull();
    expect(priceRuleViolation("long", "limit", "", bid, ask)).toBeNull();
  });

  it("orderLabel should name orders as traders do", () => {
    expect(orderLabel("long", "limit")).toBe("Buy limit");
    expect(orderLabel("short", "stop")).toBe("Sell stop");
  });
});
