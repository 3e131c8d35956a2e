import { parseDecimal } from "@repo/shared-types/decimal";
import {
  divCeil,
  divFloor,
  divHalfEven,
  priceFromUnits,
  qtyFromUnits,
  usdFromCents,
  type Price,
  type Qty,
  type Usd,
} from "./money";
import type { Side } from "./types";

/*
 * Unit bookkeeping: cents × 1e14 = price units × quantity units (1e-2 USD = 1e-8 × 1e-8 × 1e14).
 * Every formula below is the exact rational one, with the rounding named in money.ts applied once.
 */
const CENTS_TO_PRICE_QTY = 100_000_000_000_000n; // 1e14

/** quantity = margin × leverage / entry, rounded DOWN to 8 dp. */
export function quantityFor(margin: Usd, leverage: number, entry: Price): Qty {
  return qtyFromUnits(divFloor(margin * BigInt(leverage) * CENTS_TO_PRICE_QTY, entry));
}

/**
 * The stored liquidation price: the first 8-dp price at which the exact loss reaches the margin,
 * i.e. `entry − margin/quantity` rounded down (long) or `entry + margin/quantity` rounded up
 * (short). A long whose price would be ≤ 0 stores 0: it can never be liquidated (prices are > 0).
 * Because it is rounded away from the entry, `lossReachesMargin` holds exactly at and beyond it
 * and never before it: the price shown is the price the engine acts on.
 */
export function liquidationPriceOf(side: Side, entry: Price, margin: Usd, quantity: Qty): Price {
  const distance = divCeil(margin * CENTS_TO_PRICE_QTY, quantity);
  if (side === "long") {
    const price = entry - distance;
    return priceFromUnits(price > 0n ? price : 0n);
  }
  return priceFromUnits(entry + distance);
}

/** True when the exact (unrounded) loss at `price` is at least the margin. */
export function lossReachesMargin(
  side: Side,
  entry: Price,
  margin: Usd,
  quantity: Qty,
  price: Price,
): boolean {
  const move = side === "long" ? entry - price : price - entry;
  return move * quantity >= margin * CENTS_TO_PRICE_QTY;
}

/** PnL of closing at `price`: exact (price − entry) × quantity (sign by side) rounded half-even to the cent. */
export function rawPnlAt(side: Side, entry: Price, quantity: Qty, price: Price): Usd {
  const move = side === "long" ? price - entry : entry - price;
  return usdFromCents(divHalfEven(move * quantity, CENTS_TO_PRICE_QTY));
}

/** Realised/unrealised PnL: rawPnlAt with the loss capped at the margin (negative-balance protection). */
export function pnlAt(side: Side, entry: Price, margin: Usd, quantity: Qty, price: Price): Usd {
  const pnl = rawPnlAt(side, entry, quantity, price);
  const floor = 0n - margin;
  return pnl < floor ? usdFromCents(floor) : pnl;
}

/** The price a position opens at: long at the ask, short at the bid. */
export function openingPrice(side: Side, bid: Price, ask: Price): Price {
  return side === "long" ? ask : bid;
}

/** The price a position closes and is marked at: long at the bid, short at the ask. */
export function closingPrice(side: Side, bid: Price, ask: Price): Price {
  return side === "long" ? bid : ask;
}

/** Slippage percents carry 8 decimals: "0.1" → 10_000_000n units of 1e-8 %. */
const SLIPPAGE_DECIMALS = 8;
const MAX_SLIPPAGE = 100n * 100_000_000n;

/** Slippage percent as 1e-8 units of a percent ("0.1" → 10_000_000n); null when not a decimal in 0..100. */
export function slippageOf(pct: string): bigint | null {
  const units = parseDecimal(pct, SLIPPAGE_DECIMALS);
  return units === null || units > MAX_SLIPPAGE ? null : units;
}

/**
 * Exact slippage bound: |execution − reference| / reference ≤ pct / 100, compared by
 * cross-multiplication (no division, no rounding).
 */
export function withinSlippage(execution: Price, reference: Price, pctUnits: bigint): boolean {
  const diff = execution > reference ? execution - reference : reference - execution;
  return diff * MAX_SLIPPAGE <= pctUnits * reference;
}
