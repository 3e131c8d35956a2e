import type { RowHash } from "./state-hash";
import type { Order } from "./types";

/**
 * The engine's bookkeeping around an open order: its slots in the market's trigger heap and in
 * the expiry heap (−1 when absent), so a cancel or a modify is O(log n).
 */
export interface OrderRecord {
  readonly order: Order;
  /** The order's row hash in the state hash (halves as int32), kept to subtract it when it ends. */
  readonly hashHi: number;
  readonly hashLo: number;
  triggerSlot: number;
  expirySlot: number;
}

/** Builds the record of a newly placed (changed, or restored) open order. */
export function orderRecordOf(order: Order, hash: Readonly<RowHash>): OrderRecord {
  return { order, hashHi: hash.hi, hashLo: hash.lo, triggerSlot: -1, expirySlot: -1 };
}

/**
 * True when the quote triggers the order (the contract's rule, which the index must agree with):
 * a long limit at ask ≤ price, a long stop at ask ≥ price; a short limit at bid ≥ price, a short
 * stop at bid ≤ price.
 */
export function orderTriggered(order: Order, bid: bigint, ask: bigint): boolean {
  if (order.side === "long")
    return order.orderType === "limit" ? ask <= order.price : ask >= order.price;
  return order.orderType === "limit" ? bid >= order.price : bid <= order.price;
}
