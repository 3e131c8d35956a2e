import { z } from "zod";

/*
 * The one exact-decimal module: every decimal string in the repo is parsed to a scaled bigint,
 * or formatted from one, here. A value with `scale` s is the integer `units` meaning units / 10^s.
 * Nothing goes through parseFloat: Number() is for presentation only, after formatting.
 */

/** A non-negative decimal written as a string, e.g. "150.50" or "0.00001". No exponent, no sign. */
const DECIMAL_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Backpack sometimes sends leading zeros in integers it does not mean ("007" never seen, but cheap to accept). */
const LOOSE_DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

/** A decimal with at least one non-zero digit, in one regex (it runs for every Kafka message). */
const POSITIVE_DECIMAL_PATTERN = /^(?=[\d.]*[1-9])\d+(\.\d+)?$/;

/** What an amount field may hold while a person types. */
const PARTIAL_DECIMAL_PATTERN = /^\d*(\.\d*)?$/;

const CANONICAL_PARTS = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;
const LOOSE_PARTS = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * How an integer division or a rescale to fewer places rounds:
 * - `floor` toward −∞, `ceil` toward +∞, `trunc` toward zero;
 * - `half-up` to nearest, ties away from zero; `half-even` to nearest, ties to even (banker's).
 */
export type RoundingMode = "floor" | "ceil" | "trunc" | "half-up" | "half-even";

export interface ParseDecimalOptions {
  /** Accept a leading "-" (default false). */
  signed?: boolean;
  /** Accept redundant leading zeros such as "007.5", as wire formats send them (default false). */
  leadingZeros?: boolean;
  /**
   * Digits beyond `scale`: "reject" (default) refuses any; "exact" accepts them only when they are
   * zeros ("1.500" at scale 2); a rounding mode rounds them away.
   */
  excess?: "reject" | "exact" | RoundingMode;
}

/**
 * Parses a plain decimal string ("150.5", "-0.05") into integer units at `scale` places.
 * No exponent, no "+", no whitespace, no empty integer or fraction ("1.", ".5"). Returns null for
 * anything else, including extra places that `options.excess` does not allow.
 */
export function parseDecimal(
  text: string,
  scale: number,
  options: ParseDecimalOptions = {},
): bigint | null {
  const match = (options.leadingZeros === true ? LOOSE_PARTS : CANONICAL_PARTS).exec(text);
  if (match === null) return null;
  const [, sign = "", int = "0", frac = ""] = match;
  if (sign === "-" && options.signed !== true) return null;
  let units: bigint;
  if (frac.length <= scale) {
    units = BigInt(int + frac.padEnd(scale, "0"));
  } else {
    const excess = options.excess ?? "reject";
    if (excess === "reject") return null;
    if (excess === "exact") {
      if (/[1-9]/.test(frac.slice(scale))) return null;
      units = BigInt(int + frac.slice(0, scale));
    } else {
      // Round the signed value, so floor/ceil mean toward −∞/+∞ for negatives too.
      const all = BigInt(int + frac);
      return rescale(sign === "-" ? -all : all, frac.length, scale, excess);
    }
  }
  return sign === "-" ? -units : units;
}

export interface FormatDecimalOptions {
  /** Drop trailing fractional zeros (and then the dot): "150.5", "42" (default false: exactly `scale` digits). */
  trimZeros?: boolean;
}

/** Integer units at `scale` places → "123.45", "-0.05", or with trimZeros "150.5". */
export function formatDecimal(
  units: bigint,
  scale: number,
  options: FormatDecimalOptions = {},
): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, "0");
  const int = padded.slice(0, padded.length - scale);
  let frac = padded.slice(padded.length - scale);
  if (options.trimZeros === true) frac = frac.replace(/0+$/, "");
  const body = frac.length > 0 ? `${int}.${frac}` : int;
  return negative ? `-${body}` : body;
}

/** Units at `from` places → units at `to` places; going to fewer places rounds by `mode`. */
export function rescale(units: bigint, from: number, to: number, mode: RoundingMode): bigint {
  if (to >= from) return units * 10n ** BigInt(to - from);
  return divRound(units, 10n ** BigInt(from - to), mode);
}

// ---- integer division with an explicit rounding rule (d > 0) ----

/** floor(n / d) for d > 0 (bigint `/` truncates toward zero). */
export function divFloor(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

/** ceil(n / d) for d > 0. */
export function divCeil(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n > 0n && q * d !== n ? q + 1n : q;
}

/** n / d rounded half to even (banker's rounding), d > 0. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  const q = divFloor(n, d);
  const r2 = (n - q * d) * 2n; // 0 ≤ r2 < 2d
  if (r2 > d) return q + 1n;
  if (r2 < d) return q;
  return q % 2n === 0n ? q : q + 1n;
}

/** n / d rounded by `mode`. Throws RangeError unless d > 0 (a bug in the caller). */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d <= 0n) throw new RangeError("divisor must be positive");
  switch (mode) {
    case "floor":
      return divFloor(n, d);
    case "ceil":
      return divCeil(n, d);
    case "trunc":
      return n / d;
    case "half-even":
      return divHalfEven(n, d);
    case "half-up": {
      const q = n / d;
      const r = n - q * d;
      if (2n * (r < 0n ? -r : r) < d) return q;
      return n < 0n ? q - 1n : q + 1n;
    }
  }
}

// ---- decimal strings as they travel (non-negative, compared and combined without parsing to one scale) ----

/** True for a decimal being typed into a field: "", "12", "12." and ".5" are on the way to one. */
export function isPartialDecimal(value: string): boolean {
  return PARTIAL_DECIMAL_PATTERN.test(value);
}

/** True for a non-negative plain decimal string, leading zeros allowed ("007.10"): the wire format. */
export function isDecimal(value: string): boolean {
  return LOOSE_DECIMAL_PATTERN.test(value);
}

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

/**
 * Exact midpoint of two non-negative decimal strings, with one more decimal place than the inputs
 * only when the sum is odd: midpoint("98.96", "98.97") = "98.965", midpoint("98.96", "98.98") = "98.97".
 * Throws RangeError on a string that is not a decimal (validate at the edge first).
 */
export function midpoint(a: string, b: string): string {
  const scale = Math.max(decimalPlaces(a), decimalPlaces(b));
  const sum = wireUnits(a, scale) + wireUnits(b, scale);
  if (sum % 2n === 0n) return formatDecimal(sum / 2n, scale);
  return formatDecimal(sum * 5n, scale + 1);
}

/** Exact sum of non-negative decimal strings, trailing zeros trimmed: "1.5" + "2.25" = "3.75". Throws like midpoint. */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, decimalPlaces(value));
  let total = 0n;
  for (const value of values) total += wireUnits(value, scale);
  return formatDecimal(total, scale, { trimZeros: true });
}

/** A wire decimal (leading zeros allowed) at a scale that holds all its places. */
function wireUnits(value: string, scale: number): bigint {
  const units = parseDecimal(value, scale, { leadingZeros: true });
  if (units === null) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  return units;
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
export function zClientDecimal(options: { maxDecimals: number; max?: string; allowZero?: boolean }) {
  const allowZero = options.allowZero === true;
  const description =
    `a ${allowZero ? "non-negative" : "positive"} decimal, as a JSON number or a plain decimal string ("100.5"), ` +
    `no exponent, at most ${options.maxDecimals} decimal places${options.max === undefined ? "" : `, at most ${options.max}`}`;
  // The description is what the OpenAPI document shows for the field (it renders the input side).
  return z.union([z.number().finite(), z.string().trim()]).meta({ description }).transform((value, ctx) => {
    const text = typeof value === "number" ? numberToPlainString(value, allowZero) : value;
    if (text === null || !DECIMAL_PATTERN.test(text) || !(allowZero || isPositiveDecimal(text))) {
      ctx.addIssue({ code: "custom", message: allowZero ? "must be a non-negative decimal number" : "must be a positive decimal number" });
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
function numberToPlainString(value: number, allowZero: boolean): string | null {
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}
