import {
  PRICE_DECIMALS,
  QTY_DECIMALS,
  USD_DECIMALS,
  priceFromUnits,
  usdFromCents,
} from "@repo/engine-core/money";
import { liquidationPriceOf, quantityFor } from "@repo/engine-core/position-math";
import { formatDecimal, parseDecimal, type ParseDecimalOptions } from "@repo/shared-types/decimal";

export type TSide = "long" | "short";

export interface TOrderPreviewInput {
  side: TSide;
  /** Margin as the trader typed it, e.g. "1000" or "12.5". */
  margin: string;
  leverage: number;
  bid: number | null;
  ask: number | null;
  /** A pending order's price as typed: the preview then fills there instead of at the quote. */
  entry?: string;
}

export interface TOrderPreview {
  /** Estimated fill: the ask for a long, the bid for a short. */
  entryPrice: string;
  /** margin × leverage / entry, 8 decimals, rounded down (the engine never overfills). */
  quantity: string;
  /** margin × leverage in USD. */
  notional: string;
  /**
   * The first 8-dp price at which the exact loss reaches the margin: `entry ∓ margin/quantity`
   * rounded away from the entry, computed by engine-core's own liquidationPriceOf.
   */
  liquidationPrice: string;
}

/**
 * What the ticket reads: typed text or a JSON number's String() (the digits the server wrote),
 * with places beyond the unit's truncated toward zero.
 */
export const TICKET_DECIMAL_INPUT: ParseDecimalOptions = { signed: true, leadingZeros: true, excess: "trunc" };

/**
 * Exact preview of what the engine will do with an order at the current quote, with the engine's
 * own position maths. Returns null when the input cannot make an order (empty margin, no quote, a
 * zero quantity).
 */
export function previewOrder(input: TOrderPreviewInput): TOrderPreview | null {
  const margin = parseDecimal(input.margin, USD_DECIMALS, TICKET_DECIMAL_INPUT);
  const quote = input.side === "long" ? input.ask : input.bid;
  const entryText = input.entry ?? (quote === null ? null : String(quote));
  if (margin === null || margin <= 0n || entryText === null) return null;
  if (!Number.isInteger(input.leverage) || input.leverage < 1) return null;
  const entry = parseDecimal(entryText, PRICE_DECIMALS, TICKET_DECIMAL_INPUT);
  if (entry === null || entry <= 0n) return null;

  const marginUsd = usdFromCents(margin);
  const entryPrice = priceFromUnits(entry);
  const quantity = quantityFor(marginUsd, input.leverage, entryPrice);
  if (quantity <= 0n) return null;
  const liquidation = liquidationPriceOf(input.side, entryPrice, marginUsd, quantity);

  return {
    entryPrice: formatDecimal(entry, PRICE_DECIMALS),
    quantity: formatDecimal(quantity, QTY_DECIMALS),
    notional: formatDecimal(margin * BigInt(input.leverage), USD_DECIMALS),
    liquidationPrice: formatDecimal(liquidation, PRICE_DECIMALS),
  };
}

/**
 * True when `margin` (as typed) is above the account's `freeMargin` (the state's figure, the one
 * the engine's INSUFFICIENT_FUNDS check uses); compared in exact cents. False while unknown.
 */
export function exceedsFreeMargin(margin: string, freeMargin: number | null): boolean {
  if (freeMargin === null) return false;
  const marginCents = parseDecimal(margin || "0", USD_DECIMALS, TICKET_DECIMAL_INPUT) ?? 0n;
  // freeMargin is a JSON number, possibly negative: String() gives the digits the server wrote.
  const freeCents = parseDecimal(String(freeMargin), USD_DECIMALS, TICKET_DECIMAL_INPUT);
  return freeCents !== null && marginCents > freeCents;
}
