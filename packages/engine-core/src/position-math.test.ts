import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parsePrice,
  parseUsd,
  priceFromUnits,
  qtyFromUnits,
  usdFromCents,
  type Price,
} from "./money";
import {
  liquidationPriceOf,
  lossReachesMargin,
  slippageOf,
  pnlAt,
  quantityFor,
  rawPnlAt,
  withinSlippage,
} from "./position-math";

const seedEntry = parsePrice("150.50");
const seedMargin = parseUsd("1000");

describe("position math (the documented rounding rules)", () => {
  it("quantity should be margin × leverage / entry rounded down to 8 dp (seed: 13.28903654)", () => {
    // exact: 2000 / 150.50 = 13.289036544850…
    expect(quantityFor(seedMargin, 2, seedEntry)).toBe(1_328_903_654n);
    // rounds down, not to nearest: 1 × 1 / 3 = 0.333333333… → 0.33333333; 2/3 → 0.66666666
    expect(quantityFor(parseUsd("1"), 1, parsePrice("3"))).toBe(33_333_333n);
    expect(quantityFor(parseUsd("2"), 1, parsePrice("3"))).toBe(66_666_666n);
  });

  it("liquidation price should be entry·(1 ∓ 1/leverage) up to the quantity's rounding, rounded away from entry", () => {
    const quantity = quantityFor(seedMargin, 2, seedEntry);
    const long = liquidationPriceOf("long", seedEntry, seedMargin, quantity);
    const short = liquidationPriceOf("short", seedEntry, seedMargin, quantity);
    // entry − margin/quantity = 75.2499999721… → down; entry + margin/quantity = 225.7500000278… → up
    expect(long).toBe(parsePrice("75.24999997"));
    expect(short).toBe(parsePrice("225.75000003"));
    // entry·(1 − 1/2) = 75.25 and entry·(1 + 1/2) = 225.75, within 1e-7.
    expect(parsePrice("75.25") - long).toBeLessThanOrEqual(10n);
    expect(short - parsePrice("225.75")).toBeLessThanOrEqual(10n);
  });

  it("a long at leverage 1 should store liquidation price 0 (never liquidated)", () => {
    const quantity = quantityFor(seedMargin, 1, seedEntry);
    expect(liquidationPriceOf("long", seedEntry, seedMargin, quantity)).toBe(0n);
  });

  it("the loss should reach the margin exactly at the stored liquidation price and not one unit before", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100n, max: 100_000_000n }), // margin cents: 1 .. 1,000,000 USD
        fc.integer({ min: 1, max: 100 }),
        fc.bigInt({ min: 1_000_000n, max: 10_000_000_000_000n }), // price 0.01 .. 100,000
        fc.constantFrom("long" as const, "short" as const),
        (cents, leverage, entryUnits, side) => {
          const margin = usdFromCents(cents);
          const entry = priceFromUnits(entryUnits);
          const quantity = quantityFor(margin, leverage, entry);
          fc.pre(quantity > 0n);
          const liq = liquidationPriceOf(side, entry, margin, quantity);
          if (side === "long" && liq === 0n) {
            expect(lossReachesMargin(side, entry, margin, quantity, priceFromUnits(1n))).toBe(
              false,
            );
            return;
          }
          const before = priceFromUnits(side === "long" ? liq + 1n : liq - 1n);
          expect(lossReachesMargin(side, entry, margin, quantity, liq)).toBe(true);
          expect(lossReachesMargin(side, entry, margin, quantity, before)).toBe(false);
          // At the liquidation price the realised loss is exactly the margin (capped, to the cent).
          expect(pnlAt(side, entry, margin, quantity, liq)).toBe(-cents);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("PnL should round half-even to the cent (seed: +59.80 at bid 155, −73.09 at bid 145)", () => {
    const quantity = quantityFor(seedMargin, 2, seedEntry);
    // 4.5 × 13.28903654 = 59.800664430 ; −5.5 × 13.28903654 = −73.089700970
    expect(pnlAt("long", seedEntry, seedMargin, quantity, parsePrice("155.00"))).toBe(5980n);
    expect(pnlAt("long", seedEntry, seedMargin, quantity, parsePrice("145.00"))).toBe(-7309n);
    // ties: 0.005 → 0.00 and 0.015 → 0.02 (half-even)
    const one = qtyFromUnits(100_000_000n);
    expect(rawPnlAt("long", parsePrice("1"), one, parsePrice("1.005"))).toBe(0n);
    expect(rawPnlAt("long", parsePrice("1"), one, parsePrice("1.015"))).toBe(2n);
    expect(rawPnlAt("short", parsePrice("1.005"), one, parsePrice("1"))).toBe(0n);
    expect(rawPnlAt("long", parsePrice("1.025"), one, parsePrice("1"))).toBe(-2n);
  });

  it("PnL should cap a loss at the margin", () => {
    const quantity = quantityFor(seedMargin, 2, seedEntry);
    // 100.5 × 13.28903654 = 1335.548172…
    expect(rawPnlAt("long", seedEntry, quantity, parsePrice("50"))).toBe(-133_555n);
    expect(pnlAt("long", seedEntry, seedMargin, quantity, parsePrice("50"))).toBe(-100_000n);
  });

  it("slippage should be compared exactly, boundary inclusive", () => {
    const pct = (t: string): bigint => {
      const v = slippageOf(t);
      if (v === null) throw new Error(t);
      return v;
    };
    const ref: Price = parsePrice("100");
    expect(withinSlippage(parsePrice("101"), ref, pct("1"))).toBe(true);
    expect(withinSlippage(parsePrice("101.00000001"), ref, pct("1"))).toBe(false);
    expect(withinSlippage(parsePrice("99"), ref, pct("1"))).toBe(true);
    expect(withinSlippage(parsePrice("98.99999999"), ref, pct("1"))).toBe(false);
    expect(withinSlippage(parsePrice("100.1"), ref, pct("0.1"))).toBe(true);
    expect(withinSlippage(parsePrice("100.10000001"), ref, pct("0.1"))).toBe(false);
    expect(withinSlippage(parsePrice("100"), ref, pct("0"))).toBe(true);
    expect(slippageOf("100.1")).toBeNull();
    expect(slippageOf("-1")).toBeNull();
    expect(slippageOf("1e-3")).toBeNull();
  });
});
