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

import { formatDecimal, parseDecimal } from "@repo/shared-types/decimal";

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

/**
 * The ledger's strict reading of a decimal (canonical digits, no more places than the unit has):
 * a throw here is a bug in the caller, because the edge (zod) validates first.
 */
function strictUnits(text: string, decimals: number, signed: boolean, what: string): bigint {
  const units = parseDecimal(text, decimals, { signed });
  if (units === null) {
    const range = signed ? "" : "non-negative ";
    throw new RangeError(
      `${what}: not a ${range}decimal with at most ${decimals} places: ${JSON.stringify(text)}`,
    );
  }
  return units;
}

/** "123.45" or "-0.5" → cents. Throws RangeError on bad syntax or more than 2 decimals. */
export function parseUsd(text: string): Usd {
  return usdFromCents(strictUnits(text, USD_DECIMALS, true, "USD"));
}

/** "150.5" → price units. Non-negative, at most 8 decimals; throws RangeError otherwise. */
export function parsePrice(text: string): Price {
  return priceFromUnits(strictUnits(text, PRICE_DECIMALS, false, "price"));
}

/** "13.28903654" → quantity units. Non-negative, at most 8 decimals; throws RangeError otherwise. */
export function parseQty(text: string): Qty {
  return qtyFromUnits(strictUnits(text, QTY_DECIMALS, false, "quantity"));
}

/** Like parsePrice but returns null instead of throwing (for untrusted input at the edge). */
export function tryParsePrice(text: string): Price | null {
  const units = parseDecimal(text, PRICE_DECIMALS);
  return units === null ? null : priceFromUnits(units);
}

/** Cents → "123.45" / "-0.50" (always two decimals). */
export function formatUsd(value: Usd): string {
  return formatDecimal(value, USD_DECIMALS);
}

/** Price units → "150.5" (trailing zeros trimmed, no trailing dot). */
export function formatPrice(value: Price): string {
  return formatDecimal(value, PRICE_DECIMALS, { trimZeros: true });
}

/** Quantity units → "13.28903654" (trailing zeros trimmed). */
export function formatQty(value: Qty): string {
  return formatDecimal(value, QTY_DECIMALS, { trimZeros: true });
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

// The rounding helpers the table above names live with the decimal parsing; the ledger reads them here.
export { divCeil, divFloor, divHalfEven } from "@repo/shared-types/decimal";
