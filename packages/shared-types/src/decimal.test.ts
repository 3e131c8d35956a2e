import { describe, expect, it } from "vitest";
import {
  compareDecimal,
  decimalPlaces,
  divCeil,
  divFloor,
  divHalfEven,
  divRound,
  formatDecimal,
  isDecimal,
  isPositiveDecimal,
  midpoint,
  parseDecimal,
  rescale,
  sumDecimals,
  zClientDecimal,
  type RoundingMode,
} from "./decimal";

/** Small deterministic generator so a failure replays exactly. */
function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** A random bigint of up to `digits` decimal digits, negative when asked and the coin says so. */
function randomUnits(next: (n: number) => number, digits: number, signed: boolean): bigint {
  const length = 1 + next(digits);
  let text = "";
  for (let i = 0; i < length; i++) text += String(next(10));
  const units = BigInt(text);
  return signed && next(2) === 0 ? -units : units;
}

/** The exact rational n / d rounded by `mode`, computed the slow obvious way (d > 0). */
function referenceDiv(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const floor = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const ceil = floor * d === n ? floor : floor + 1n;
  if (mode === "floor") return floor;
  if (mode === "ceil") return ceil;
  if (mode === "trunc") return n >= 0n ? floor : ceil;
  const below = n - floor * d; // distance to floor, times d
  const above = ceil * d - n;
  if (below < above) return floor;
  if (above < below) return ceil;
  if (mode === "half-up") return n >= 0n ? ceil : floor;
  return floor % 2n === 0n ? floor : ceil;
}

const MODES: readonly RoundingMode[] = ["floor", "ceil", "trunc", "half-up", "half-even"];

describe("parseDecimal", () => {
  it("should read plain decimals into units at the scale", () => {
    expect(parseDecimal("150.5", 8)).toBe(15_050_000_000n);
    expect(parseDecimal("0", 2)).toBe(0n);
    expect(parseDecimal("42", 0)).toBe(42n);
    expect(parseDecimal("0.00000001", 8)).toBe(1n);
    expect(parseDecimal("-0.5", 2, { signed: true })).toBe(-50n);
  });

  it("should refuse exponents, signs, blanks, empty parts and leading zeros unless allowed", () => {
    for (const bad of ["", "1.", ".5", "1e3", "+1", "01", " 1", "1 ", "NaN", "abc", "1.2.3", "-"]) {
      expect(parseDecimal(bad, 8), bad).toBeNull();
    }
    expect(parseDecimal("-1", 2)).toBeNull();
    expect(parseDecimal("007.10", 2)).toBeNull();
    expect(parseDecimal("007.10", 2, { leadingZeros: true })).toBe(710n);
  });

  it("should treat places beyond the scale as the excess option says", () => {
    expect(parseDecimal("1.234", 2)).toBeNull();
    expect(parseDecimal("1.500", 2)).toBeNull();
    expect(parseDecimal("1.500", 2, { excess: "exact" })).toBe(150n);
    expect(parseDecimal("1.501", 2, { excess: "exact" })).toBeNull();
    expect(parseDecimal("1.239", 2, { excess: "trunc" })).toBe(123n);
    expect(parseDecimal("-1.239", 2, { signed: true, excess: "trunc" })).toBe(-123n);
    expect(parseDecimal("-1.231", 2, { signed: true, excess: "floor" })).toBe(-124n);
    expect(parseDecimal("1.231", 2, { excess: "ceil" })).toBe(124n);
    expect(parseDecimal("1.235", 2, { excess: "half-even" })).toBe(124n);
    expect(parseDecimal("1.225", 2, { excess: "half-even" })).toBe(122n);
    expect(parseDecimal("1.225", 2, { excess: "half-up" })).toBe(123n);
  });

  it("should read what the ticket and the wire send (moved from ui's fixed-point)", () => {
    const loose = { signed: true, leadingZeros: true, excess: "trunc" } as const;
    expect(parseDecimal("150.5", 8, loose)).toBe(15_050_000_000n);
    expect(parseDecimal(String(0.1), 2, loose)).toBe(10n);
    expect(parseDecimal("-1.239", 2, loose)).toBe(-123n);
    expect(parseDecimal("1e5", 2, loose)).toBeNull();
    expect(formatDecimal(-5n, 2)).toBe("-0.05");
  });

  it("should agree with bigint arithmetic on random decimals at every rounding mode", () => {
    const next = lcg(10_2026);
    for (let i = 0; i < 5_000; i++) {
      const places = next(12);
      const units = randomUnits(next, 24, true);
      const text = formatDecimal(units, places);
      const scale = next(12);
      const options = { signed: true } as const;
      if (scale >= places) {
        expect(parseDecimal(text, scale, options), text).toBe(
          units * 10n ** BigInt(scale - places),
        );
      } else {
        const divisor = 10n ** BigInt(places - scale);
        const exact = units % divisor === 0n;
        expect(parseDecimal(text, scale, options), text).toBeNull();
        expect(parseDecimal(text, scale, { ...options, excess: "exact" }), text).toBe(
          exact ? units / divisor : null,
        );
        for (const mode of MODES) {
          expect(parseDecimal(text, scale, { ...options, excess: mode }), `${text} ${mode}`).toBe(
            referenceDiv(units, divisor, mode),
          );
        }
      }
    }
  });
});

describe("formatDecimal", () => {
  it("should print exactly `scale` digits, or trim them when asked", () => {
    expect(formatDecimal(12_345n, 2)).toBe("123.45");
    expect(formatDecimal(-50n, 2)).toBe("-0.50");
    expect(formatDecimal(-5n, 2)).toBe("-0.05");
    expect(formatDecimal(0n, 2)).toBe("0.00");
    expect(formatDecimal(7n, 0)).toBe("7");
    expect(formatDecimal(15_050_000_000n, 8, { trimZeros: true })).toBe("150.5");
    expect(formatDecimal(4_200_000_000n, 8, { trimZeros: true })).toBe("42");
    expect(formatDecimal(-1n, 8, { trimZeros: true })).toBe("-0.00000001");
  });

  it("should round-trip with parseDecimal for random units and scales", () => {
    const next = lcg(77);
    for (let i = 0; i < 5_000; i++) {
      const units = randomUnits(next, 30, true);
      const scale = next(19);
      expect(parseDecimal(formatDecimal(units, scale), scale, { signed: true })).toBe(units);
      expect(
        parseDecimal(formatDecimal(units, scale, { trimZeros: true }), scale, { signed: true }),
      ).toBe(units);
    }
  });
});

describe("division and rescale", () => {
  it("should round as asked (moved from ui's fixed-point)", () => {
    expect(divRound(7n, 2n, "floor")).toBe(3n);
    expect(divRound(7n, 2n, "ceil")).toBe(4n);
    expect(divRound(7n, 2n, "half-up")).toBe(4n);
    expect(divRound(-7n, 2n, "floor")).toBe(-4n);
    expect(divRound(-7n, 2n, "half-up")).toBe(-4n);
    expect(divRound(-7n, 2n, "trunc")).toBe(-3n);
    expect(() => divRound(1n, 0n, "floor")).toThrow(RangeError);
  });

  it("divRound should equal the reference rounding of the exact quotient for random operands", () => {
    const next = lcg(4242);
    for (let i = 0; i < 5_000; i++) {
      const n = randomUnits(next, 30, true);
      const d = 1n + randomUnits(next, 12, false);
      for (const mode of MODES)
        expect(divRound(n, d, mode), `${n}/${d} ${mode}`).toBe(referenceDiv(n, d, mode));
      expect(divFloor(n, d)).toBe(referenceDiv(n, d, "floor"));
      expect(divCeil(n, d)).toBe(referenceDiv(n, d, "ceil"));
      expect(divHalfEven(n, d)).toBe(referenceDiv(n, d, "half-even"));
    }
  });

  it("rescale should multiply going up and round going down", () => {
    expect(rescale(15n, 1, 3, "floor")).toBe(1_500n);
    expect(rescale(1_555n, 3, 2, "half-even")).toBe(156n);
    expect(rescale(1_565n, 3, 2, "half-even")).toBe(156n);
    expect(rescale(-1_555n, 3, 1, "trunc")).toBe(-15n);
  });
});

describe("midpoint and sumDecimals", () => {
  it("should keep the inputs' places unless the sum is odd", () => {
    expect(midpoint("98.96", "98.97")).toBe("98.965");
    expect(midpoint("98.96", "98.98")).toBe("98.97");
    expect(midpoint("100", "101")).toBe("100.5");
    expect(midpoint("0.1", "0.25")).toBe("0.175");
    expect(() => midpoint("1e3", "1")).toThrow(RangeError);
  });

  it("should equal the bigint midpoint and sum of random decimals", () => {
    const next = lcg(31);
    for (let i = 0; i < 2_000; i++) {
      const values = Array.from({ length: 1 + next(5) }, () => {
        const places = next(9);
        return { units: randomUnits(next, 16, false), places };
      });
      const scale = Math.max(...values.map((v) => v.places));
      const texts = values.map((v) => formatDecimal(v.units, v.places));
      const total = values.reduce((sum, v) => sum + v.units * 10n ** BigInt(scale - v.places), 0n);
      expect(sumDecimals(texts)).toBe(formatDecimal(total, scale, { trimZeros: true }));
      const [a, b] = texts;
      if (a === undefined || b === undefined) continue;
      const pairScale = Math.max(decimalPlaces(a), decimalPlaces(b));
      const pairSum = (parseDecimal(a, pairScale) ?? 0n) + (parseDecimal(b, pairScale) ?? 0n);
      expect(parseDecimal(midpoint(a, b), pairScale + 1)).toBe(pairSum * 5n);
    }
  });

  it("sumDecimals should sum exactly and trim", () => {
    expect(sumDecimals(["1.5", "2.25"])).toBe("3.75");
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["1.50", "1.50"])).toBe("3");
    expect(sumDecimals([])).toBe("0");
  });
});

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

  it("isDecimal should accept non-negative wire decimals only", () => {
    expect(isDecimal("007.10")).toBe(true);
    expect(isDecimal("0")).toBe(true);
    for (const bad of ["-1", "1.", ".5", "1e3", "", " 1"]) expect(isDecimal(bad), bad).toBe(false);
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

describe("midpoint on wire quotes", () => {
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
