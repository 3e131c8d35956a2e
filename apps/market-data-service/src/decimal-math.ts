import { compareDecimal, isPositiveDecimal } from "@repo/shared-types/decimal";

const DECIMAL = /^\d+(\.\d+)?$/;

/** Splits "98.965" into 98965n and 3 decimals. */
function toScaled(value: string): { units: bigint; scale: number } {
  const [int = "0", frac = ""] = value.split(".");
  return { units: BigInt(int + frac), scale: frac.length };
}

function fromScaled(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, "0");
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Exact midpoint of two decimal strings with bigint arithmetic: one more decimal place than the
 * inputs only when the sum is odd, e.g. mid("98.96", "98.97") = "98.965", mid("98.96", "98.98") = "98.97".
 */
export function midpoint(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  if (sum % 2n === 0n) return fromScaled(sum / 2n, scale);
  return fromScaled(sum * 5n, scale + 1);
}

/** A valid quote: both sides positive decimals and bid ≤ ask (a missing side is never a price of 0). */
export function isValidQuote(bid: string | null, ask: string | null): boolean {
  return (
    bid !== null &&
    ask !== null &&
    DECIMAL.test(bid) &&
    DECIMAL.test(ask) &&
    isPositiveDecimal(bid) &&
    isPositiveDecimal(ask) &&
    compareDecimal(bid, ask) <= 0
  );
}
