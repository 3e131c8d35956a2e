import { describe, expect, it } from "vitest";
import { isValidQuote, midpoint } from "./decimal-math";

describe("midpoint", () => {
  it("is exact, adding a decimal only when the sum is odd", () => {
    expect(midpoint("98.96", "98.97")).toBe("98.965");
    expect(midpoint("98.96", "98.98")).toBe("98.97");
    expect(midpoint("100000.1", "100000.2")).toBe("100000.15");
    expect(midpoint("0.1", "0.2")).toBe("0.15"); // a float would give 0.15000000000000002
  });

  it("handles different scales and integers", () => {
    expect(midpoint("1", "2.5")).toBe("1.75");
    expect(midpoint("3", "5")).toBe("4");
    expect(midpoint("0.00000001", "0.00000002")).toBe("0.000000015");
  });
});

describe("isValidQuote", () => {
  it("accepts positive bid ≤ ask, including a locked book", () => {
    expect(isValidQuote("98.96", "98.97")).toBe(true);
    expect(isValidQuote("98.97", "98.970")).toBe(true);
  });

  it("rejects missing, zero, crossed and non-decimal sides", () => {
    expect(isValidQuote(null, "1")).toBe(false);
    expect(isValidQuote("0", "1")).toBe(false);
    expect(isValidQuote("0.00", "1")).toBe(false);
    expect(isValidQuote("2", "1.99")).toBe(false);
    expect(isValidQuote("1e2", "200")).toBe(false);
  });
});
