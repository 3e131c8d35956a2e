/**
 * Exact fixed-point money for the ledger: bigint units with branded types, so a price can never be
 * added to a USD amount by accident and no IEEE float ever touches a balance.
 *
 * - `Usd`   — integer cents (2 dp).
 * - `Price` — integer units of 1e-8 USD per unit of asset (8 dp).
 * - `Qty`   — integer units of 1e-8 asset (8 dp).
 *
 * Rounding rules (one per quantity; see position-math.ts where each is applied):
 * - quantity = margin × leverage / entry, rounded DOWN (toward zero) to 8 dp;
 * - liquidation price = the first 8-dp price at which the exact loss reaches the margin, i.e. the
 *   exact `entry ∓ margin/quantity` rounded AWAY from the entry (down for a long, up for a short);
 * - realised and unrealised PnL = exact (close − entry) × quantity rounded HALF-EVEN to the cent,
 *   then capped below at −margin;
 * - slippage bounds are compared exactly by cross-multiplication (no rounding at all);
 * - margin level = equity × 10000 / used margin rounded DOWN (basis points of a percent).
 */

declare const usdBrand: unique symbol;
declare const priceBrand: unique symbol;
declare const qtyBrand: unique symbol;

/** USD amount in integer cents. */
export type Usd = bigint & { readonly [usdBrand]: true };
/** Price in integer units of 1e-8 USD. */
export type Price = bigint & { readonly [priceBrand]: true };
/** Asset quantity in integer units of 1e-8. */
export type Qty = bigint & { readonly [qtyBrand]: true };

export const USD_DECIMALS = 2;
export const PRICE_DECIMALS = 8;
export const QTY_DECIMALS = 8;
/** Units per whole USD / price / quantity. */
export const USD_SCALE = 100n;
export const PRICE_SCALE = 100_000_000n;
export const QTY_SCALE = 100_000_000n;

/** Brands a bigint number of cents. */
export function usdFromCents(cents: bigint): Usd {
  return cents as Usd;
}
/** Brands a bigint number of 1e-8 price units. */
export function priceFromUnits(units: bigint): Price {
  return units as Price;
}
/** Brands a bigint number of 1e-8 quantity units. */
export function qtyFromUnits(units: bigint): Qty {
  return units as Qty;
}

export const ZERO_USD = usdFromCents(0n);

const SIGNED_DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Parses a strict decimal string into integer units with `decimals` places. Rejects exponents,
 * "+", leading zeros, empty fractions and more decimals than allowed: a throw here is a bug in
 * the caller, because the edge (zod) validates first.
 */
function parseFixed(text: string, decimals: number, allowNegative: boolean, what: string): bigint {
  const match = SIGNED_DECIMAL.exec(text);
  if (match === null)
    throw new RangeError(`${what}: not a decimal string: ${JSON.stringify(text)}`);
  const [, sign = "", int = "0", frac = ""] = match;
  if (sign === "-" && !allowNegative)
    throw new RangeError(`${what}: must not be negative: ${text}`);
  if (frac.length > decimals) {
    throw new RangeError(`${what}: at most ${decimals} decimal places: ${text}`);
  }
  const units = BigInt(int + frac.padEnd(decimals, "0"));
  return sign === "-" ? -units : units;
}

function formatFixed(units: bigint, decimals: number, trimZeros: boolean): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, "0");
  const int = digits.slice(0, digits.length - decimals);
  let frac = digits.slice(digits.length - decimals);
  if (trimZeros) frac = frac.replace(/0+$/, "");
  const body = frac.length > 0 ? `${int}.${frac}` : int;
  return negative ? `-${body}` : body;
}

/** "123.45" or "-0.5" → cents. Throws RangeError on bad syntax or more than 2 decimals. */
export function parseUsd(text: string): Usd {
  return usdFromCents(parseFixed(text, USD_DECIMALS, true, "USD"));
}

/** "150.5" → price units. Non-negative, at most 8 decimals; throws RangeError otherwise. */
export function parsePrice(text: string): Price {
  return priceFromUnits(parseFixed(text, PRICE_DECIMALS, false, "price"));
}

/** "13.28903654" → quantity units. Non-negative, at most 8 decimals; throws RangeError otherwise. */
export function parseQty(text: string): Qty {
  return qtyFromUnits(parseFixed(text, QTY_DECIMALS, false, "quantity"));
}

/** Like parsePrice but returns null instead of throwing (for untrusted input at the edge). */
export function tryParsePrice(text: string): Price | null {
  try {
    return parsePrice(text);
  } catch {
    return null;
  }
}

/** Cents → "123.45" / "-0.50" (always two decimals). */
export function formatUsd(value: Usd): string {
  return formatFixed(value, USD_DECIMALS, false);
}

/** Price units → "150.5" (trailing zeros trimmed, no trailing dot). */
export function formatPrice(value: Price): string {
  return formatFixed(value, PRICE_DECIMALS, true);
}

/** Quantity units → "13.28903654" (trailing zeros trimmed). */
export function formatQty(value: Qty): string {
  return formatFixed(value, QTY_DECIMALS, true);
}

/**
 * Presentation only (JSON responses): converts through the exact decimal string, so the number
 * is the closest double to the exact amount. Never feed the result back into the ledger.
 */
export function usdToNumber(value: Usd): number {
  return Number(formatUsd(value));
}

/** Presentation only; see usdToNumber. */
export function priceToNumber(value: Price): number {
  return Number(formatPrice(value));
}

/** Presentation only; see usdToNumber. */
export function qtyToNumber(value: Qty): number {
  return Number(formatQty(value));
}

/** Sums USD amounts exactly. */
export function sumUsd(values: Iterable<Usd>): Usd {
  let total = 0n;
  for (const v of values) total += v;
  return usdFromCents(total);
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
