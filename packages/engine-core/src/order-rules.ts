import { reject } from "./command-handler";
import { checkEntry } from "./enter-position";
import { formatPrice, type Price, type Usd } from "./money";
import type { OrderType, Quote, Rejection, Side } from "./types";

/**
 * §5: a long limit's price must be below the ask, a long stop's above it; a short limit's above
 * the bid, a short stop's below it (an order that would fill at once is a market order).
 */
export function orderPriceRejection(
  side: Side,
  orderType: OrderType,
  price: Price,
  quote: Quote,
): Rejection | null {
  if (side === "long") {
    if (orderType === "limit" && !(price < quote.ask))
      return reject(
        "INVALID_ORDER_PRICE",
        `a buy limit must be below the ask ${formatPrice(quote.ask)}`,
      );
    if (orderType === "stop" && !(price > quote.ask))
      return reject(
        "INVALID_ORDER_PRICE",
        `a buy stop must be above the ask ${formatPrice(quote.ask)}`,
      );
    return null;
  }
  if (orderType === "limit" && !(price > quote.bid))
    return reject(
      "INVALID_ORDER_PRICE",
      `a sell limit must be above the bid ${formatPrice(quote.bid)}`,
    );
  if (orderType === "stop" && !(price < quote.bid))
    return reject(
      "INVALID_ORDER_PRICE",
      `a sell stop must be below the bid ${formatPrice(quote.bid)}`,
    );
  return null;
}

/**
 * The position the order would open if it filled exactly at its price (no spread known yet):
 * its stops must be valid against that price, and its quantity above zero. The fill checks again
 * at the real quote and rejects the order then if they no longer hold.
 */
export function orderEntryRejection(order: {
  side: Side;
  price: Price;
  margin: Usd;
  leverage: number;
  stopLoss: Price | null;
  takeProfit: Price | null;
}): Rejection | null {
  const figures = checkEntry({ ...order, entry: order.price, exit: order.price });
  return "ok" in figures ? figures : null;
}

/** An expiry must lie after the command's time (an order born expired is a mistake, not an order). */
export function expiryRejection(expiresAt: number | null, at: number): Rejection | null {
  if (expiresAt === null) return null;
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= at)
    return reject("INVALID_REQUEST", "expiresAt must be a time in the future (epoch ms)");
  return null;
}
