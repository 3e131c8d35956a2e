import { compareDecimal, isPositiveDecimal } from "@repo/shared-types/decimal";

/** A valid quote: both sides positive decimals and bid ≤ ask (a missing side is never a price of 0). */
export function isValidQuote(bid: string | null, ask: string | null): boolean {
  return bid !== null && ask !== null && isPositiveDecimal(bid) && isPositiveDecimal(ask) && compareDecimal(bid, ask) <= 0;
}
