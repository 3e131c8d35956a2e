import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  divCeil,
  divFloor,
  divHalfEven,
  formatPrice,
  formatQty,
  formatUsd,
  parsePrice,
  parseQty,
  parseUsd,
  priceToNumber,
  qtyToNumber,
  tryParsePrice,
  usdFromCents,
  usdToNumber,
} from "./money";

describe("money parsing and formatting", () => {
  it("parseUsd should read cents exactly, with sign", () => {
    expect(parseUsd("123.45")).toBe(12345n);
    expect(parseUsd("-0.5")).toBe(-50n);
    expect(parseUsd("10000")).toBe(1_000_000n);
  });

  it("parsers should throw RangeError on bad syntax or too many decimals", () => {
    for (const bad of ["", "1.", ".5", "1e3", "+1", "01", "1.234", "abc", " 1", "NaN"]) {
      expect(() => parseUsd(bad), bad).toThrow(RangeError);
    }
    expect(() => parsePrice("1.123456789")).toThrow(RangeError);
    expect(() => parsePrice("-1")).toThrow(RangeError);
    expect(() => parseQty("-0.1")).toThrow(RangeError);
    expect(tryParsePrice("1.123456789")).toBeNull();
    expect(tryParsePrice("150.5")).toBe(15_050_000_000n);
  });

  it("formatters should print exact decimals", () => {
    expect(formatUsd(usdFromCents(12345n))).toBe("123.45");
    expect(formatUsd(usdFromCents(-50n))).toBe("-0.50");
    expect(formatUsd(usdFromCents(-5n))).toBe("-0.05");
    expect(formatPrice(parsePrice("150.50000000"))).toBe("150.5");
    expect(formatPrice(parsePrice("0.00000001"))).toBe("0.00000001");
    expect(formatPrice(parsePrice("42"))).toBe("42");
    expect(formatQty(parseQty("13.28903654"))).toBe("13.28903654");
  });

  it("parse and format should round-trip every value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        expect(parseUsd(formatUsd(usdFromCents(cents)))).toBe(cents);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), (units) => {
        expect(parsePrice(formatPrice(units as never))).toBe(units);
        expect(parseQty(formatQty(units as never))).toBe(units);
      }),
    );
  });

  it("toNumber conversions should go through the exact string (presentation only)", () => {
    expect(usdToNumber(parseUsd("0.10"))).toBe(0.1);
    expect(priceToNumber(parsePrice("150.51"))).toBe(150.51);
    expect(qtyToNumber(parseQty("13.28903654"))).toBe(13.28903654);
  });
});

describe("rounding helpers", () => {
  it("divHalfEven should round ties to even and everything else to nearest", () => {
    expect(divHalfEven(5n, 10n)).toBe(0n);
    expect(divHalfEven(15n, 10n)).toBe(2n);
    expect(divHalfEven(25n, 10n)).toBe(2n);
    expect(divHalfEven(-5n, 10n)).toBe(0n);
    expect(divHalfEven(-15n, 10n)).toBe(-2n);
    expect(divHalfEven(-25n, 10n)).toBe(-2n);
    expect(divHalfEven(-26n, 10n)).toBe(-3n);
    expect(divHalfEven(14n, 10n)).toBe(1n);
  });

  it("divFloor and divCeil should bracket the exact quotient", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        (n, d) => {
          const f = divFloor(n, d);
          const c = divCeil(n, d);
          expect(f * d <= n && n < (f + 1n) * d).toBe(true);
          expect((c - 1n) * d < n && n <= c * d).toBe(true);
          const h = divHalfEven(n, d);
          expect(h === f || h === c).toBe(true);
          // |n − h·d| ≤ d/2: nearest.
          const err = n - h * d;
          expect(2n * (err < 0n ? -err : err) <= d).toBe(true);
        },
      ),
    );
  });
});
