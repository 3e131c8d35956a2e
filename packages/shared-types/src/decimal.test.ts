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

  it("agrees with exact bigint comparison on many random decimals", () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const randomDecimal = () => {
      const int = "0".repeat(next(2)) + String(next(1000));
      const frac = Array.from({ length: next(6) }, () => String(next(10))).join("");
      return frac.length > 0 ? `${int}.${frac}` : int;
    };
    const scaled = (text: string) => {
      const [int = "0", frac = ""] = text.split(".");
      return BigInt(int + frac.padEnd(8, "0"));
    };
    for (let i = 0; i < 5000; i++) {
      const a = randomDecimal();
      const b = randomDecimal();
      const expected = scaled(a) === scaled(b) ? 0 : scaled(a) < scaled(b) ? -1 : 1;
      expect(compareDecimal(a, b), `${a} vs ${b}`).toBe(expected);
    }
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
