/** Display formatters. They format numbers for people; ledger math never goes through them. */

import { decimalPlaces, divCeil, divFloor, formatDecimal, parseDecimal } from "@repo/shared-types/decimal";
import { TICK_SIZE } from "@repo/shared-types/market";

const usd = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$10,000.00", "-$12.34"; with `signed`, "+$12.34". */
export function formatUsd(value: number, options: { signed?: boolean } = {}): string {
  const sign = value < 0 ? "-" : options.signed && value > 0 ? "+" : "";
  return `${sign}$${usd.format(Math.abs(value))}`;
}

/** Fraction digits that suit a price of this magnitude (BTC, ETH, SOL: 2; small coins more). */
export function priceDecimals(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 10) return 2;
  if (abs >= 1) return 4;
  return 6;
}

/** A price with grouping and magnitude-appropriate decimals; "—" when there is none. */
export function formatPrice(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const digits = decimals ?? priceDecimals(value);
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * A price with every significant decimal it carries (2 to 8), so a liquidation price reads the same
 * in the ticket, the table and the engine: 74.62686567 stays 74.62686567.
 */
export function formatExactPrice(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "number" ? String(value) : value;
  const frac = (text.split(".")[1] ?? "").replace(/0+$/, "");
  return formatPrice(Number(text), Math.max(2, Math.min(frac.length, 8)));
}

/** A quantity with up to 8 decimals and no trailing zeros: "0.0664", "13.33333333". */
export function formatQty(value: number | string): string {
  const n = typeof value === "string" ? Number(value) : value;
  if (!Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 8 });
}

/** "+1.23%" / "-0.50%"; "—" for null. */
export function formatPercent(value: number | null | undefined, options: { signed?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const sign = value > 0 && options.signed !== false ? "+" : "";
  return `${sign}${value.toFixed(2)}%`;
}

/** Tailwind text colour for a signed amount. */
export function pnlTone(value: number): string {
  if (value > 0) return "text-emerald-400";
  if (value < 0) return "text-rose-400";
  return "text-zinc-300";
}

/** "SOL_USDC" → "SOL/USDC". */
export function formatSymbol(symbol: string): string {
  return symbol.replace("_", "/");
}

/** The market's tick ("0.01"); 2-decimal cents for a symbol without one. */
function tickOf(symbol: string): string {
  return (TICK_SIZE as Record<string, string | undefined>)[symbol] ?? "0.01";
}

/** Decimals of the market's tick: SOL 0.01 → 2, BTC 0.1 → 1. Every price of a market shows this many. */
export function tickDecimals(symbol: string): number {
  return decimalPlaces(tickOf(symbol));
}

/** A price of `symbol` on its tick grid: "159.25" for SOL. */
export function formatTickPrice(symbol: string, value: number | null | undefined): string {
  return formatPrice(value, tickDecimals(symbol));
}

/**
 * The liquidation price a trader can act on: the first tick price at which the engine liquidates.
 * A long goes when the bid ≤ the stored 8-dp price, so the first such tick is the highest tick at
 * or below it (round down); a short goes when the ask ≥ it: the lowest tick at or above (round up).
 * Exact: done on the decimal digits, never on floats (159.25 must not become 159.24).
 */
export function liquidationTick(symbol: string, side: "long" | "short", liquidationPrice: number): number {
  const units = parseDecimal(String(liquidationPrice), 8, { excess: side === "long" ? "floor" : "ceil" });
  const tick = parseDecimal(tickOf(symbol), 8);
  if (units === null || tick === null || tick <= 0n) return liquidationPrice;
  const ticks = side === "long" ? divFloor(units, tick) : divCeil(units, tick);
  return Number(formatDecimal(ticks * tick, 8));
}
