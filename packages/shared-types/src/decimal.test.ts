import { describe, expect, it } from "vitest";
import { compareDecimal, decimalPlaces, isPositiveDecimal, zClientDecimal } from "./decimal";

describe("compareDecimal", () => {
  it("compares exactly, ignoring trailing zeros and leading zeros", () => {
    expect(compareDecimal("1.50", "1.5")).toBe(0);
    expect(compareDecimal("007.1", "7.10")).toBe(0);
    expect(compareDecimal("98.96", "98.97")).toBe(-1);
    expect(compareDecimal("100", "99.999999999")).toBe(1);
    expect(compareDecimal("0.1", "0.10000000000000001")).toBe(-1);
  });
});

describe("isPositiveDecimal", () => {
  it("accepts only strictly positive decimal strings", () => {
    expect(isPositiveDecimal("0.00000001")).toBe(true);
    expect(isPositiveDecimal("0")).toBe(false);
    expect(isPositiveDecimal("0.000")).toBe(false);
    expect(isPositiveDecimal("-1")).toBe(false);
    expect(isPositiveDecimal("1e5")).toBe(false);
    expect(isPositiveDecimal("")).toBe(false);
  });

  it("counts decimal places", () => {
    expect(decimalPlaces("3680.520000000")).toBe(9);
    expect(decimalPlaces("100")).toBe(0);
  });
});

describe("zClientDecimal", () => {
  const usd = zClientDecimal({ maxDecimals: 2, max: "1000000" });

  it("turns JSON numbers into the digits the client wrote", () => {
    expect(usd.parse(1000)).toBe("1000");
    expect(usd.parse(0.1)).toBe("0.1");
    expect(usd.parse(150.5)).toBe("150.5");
    expect(usd.parse("99.99")).toBe("99.99");
  });

  it("refuses zero, negatives, exponents, too many decimals and values above the maximum", () => {
    for (const bad of [0, -5, 1e21, 1e-7, 1.234, "1.234", "abc", "1e3", "1000001", Number.NaN]) {
      expect(usd.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
