import { z } from "zod";

/** A non-negative decimal written as a string, e.g. "150.50" or "0.00001". No exponent, no sign. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Backpack sometimes sends leading zeros in integers it does not mean ("007" never seen, but cheap to accept). */
const LOOSE_DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

/** A decimal with at least one non-zero digit, in one regex (it runs for every Kafka message). */
const POSITIVE_DECIMAL_PATTERN = /^(?=[\d.]*[1-9])\d+(\.\d+)?$/;

/**
 * Compares two non-negative decimal strings exactly (no floats). Returns -1, 0 or 1.
 * Trailing zeros are insignificant: compareDecimal("1.50", "1.5") === 0.
 * Works on the strings in place (no split/pad allocations): it runs for every Kafka message.
 */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const aStart = firstSignificant(a);
  const bStart = firstSignificant(b);
  const aDot = dotIndex(a);
  const bDot = dotIndex(b);
  const aIntLength = aDot - aStart;
  const bIntLength = bDot - bStart;
  if (aIntLength !== bIntLength) return aIntLength < bIntLength ? -1 : 1;
  for (let i = 0; i < aIntLength; i++) {
    const diff = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  const width = Math.max(a.length - aDot, b.length - bDot);
  for (let i = 1; i < width; i++) {
    const diff = fractionDigit(a, aDot + i) - fractionDigit(b, bDot + i);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

/** Index of the first non-zero integer digit (or of the dot/end when the integer part is 0). */
function firstSignificant(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 48 /* 0 */) i++;
  return i;
}

function dotIndex(text: string): number {
  const dot = text.indexOf(".");
  return dot === -1 ? text.length : dot;
}

/** The digit at `index` of a fraction, 0 past its end (trailing zeros are implied). */
function fractionDigit(text: string, index: number): number {
  return index < text.length ? text.charCodeAt(index) - 48 : 0;
}

/** True when the decimal string is strictly greater than zero. */
export function isPositiveDecimal(value: string): boolean {
  return POSITIVE_DECIMAL_PATTERN.test(value);
}

/** Number of digits after the decimal point, e.g. 2 for "1.50". */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf(".");
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** A non-negative decimal string exactly as it travels on the wire (Kafka, Backpack). */
export const ZDecimalString = z.string().regex(LOOSE_DECIMAL_PATTERN, "expected a decimal string");

/** A strictly positive decimal string (a price: never "0", never missing). */
export const ZPositiveDecimalString = z
  .string()
  .regex(POSITIVE_DECIMAL_PATTERN, "expected a positive decimal string");

/**
 * A decimal amount a client sends as a JSON number or a decimal string, normalised to the string
 * the number was written as. JSON numbers are converted with String(), which yields the shortest
 * representation that round-trips, i.e. the digits the client wrote for any value with ≤ 15
 * significant digits; the ledger then parses that string exactly.
 */
export function zClientDecimal(options: { maxDecimals: number; max?: string }) {
  return z
    .union([z.number().finite(), z.string().trim()])
    .transform((value, ctx) => {
      const text = typeof value === "number" ? numberToPlainString(value) : value;
      if (text === null || !DECIMAL_PATTERN.test(text) || !isPositiveDecimal(text)) {
        ctx.addIssue({ code: "custom", message: "must be a positive decimal number" });
        return z.NEVER;
      }
      if (decimalPlaces(text) > options.maxDecimals) {
        ctx.addIssue({ code: "custom", message: `at most ${options.maxDecimals} decimal places` });
        return z.NEVER;
      }
      if (options.max !== undefined && compareDecimal(text, options.max) > 0) {
        ctx.addIssue({ code: "custom", message: `must be ≤ ${options.max}` });
        return z.NEVER;
      }
      return text;
    });
}

/** String() of a JSON number without exponent notation, or null for values we do not accept. */
function numberToPlainString(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}
