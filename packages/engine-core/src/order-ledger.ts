import type { CommandEffects } from "./command-handler";
import type { AccountState, EngineState, MarketState } from "./engine-state";
import { usdFromCents, type Usd } from "./money";
import { orderRecordOf, type OrderRecord } from "./order-record";
import { orderRowHash } from "./state-rows";
import type { Order, OrderStatus } from "./types";

/*
 * The transitions of a pending order, shared by every order command and the tick. Each keeps the
 * maintained state hash in step with the open-order rows, and the money in one of two places:
 * reserved (out of the balance, in the order) while open; back in the balance when the order
 * ends unfilled; the position's margin when it fills.
 */

/** Adds an open order to its account, the global maps, its market's index, the expiry heap and the hash. */
export function insertOrder(
  state: EngineState,
  account: AccountState,
  market: MarketState,
  order: Order,
): OrderRecord {
  const record = orderRecordOf(order, orderRowHash(order));
  state.hashSum.add(record.hashHi, record.hashLo);
  state.orders.set(order.orderId, record);
  account.orders.set(order.orderId, record);
  market.orders.add(record);
  if (order.expiresAt !== null) state.orderExpiry.push(record);
  return record;
}

/** Takes an open order out of every structure and the hash (a no-op for structures it already left). */
export function detachOrder(state: EngineState, account: AccountState, record: OrderRecord): void {
  state.markets.get(record.order.symbol)?.orders.remove(record);
  state.orderExpiry.remove(record);
  state.orders.delete(record.order.orderId);
  account.orders.delete(record.order.orderId);
  state.hashSum.remove(record.hashHi, record.hashLo);
}

/** Replaces an open order with its changed version (re-keyed in the index and the expiry heap). */
export function replaceOrder(
  state: EngineState,
  account: AccountState,
  market: MarketState,
  record: OrderRecord,
  order: Order,
  effects: CommandEffects,
): Order {
  detachOrder(state, account, record);
  insertOrder(state, account, market, order);
  effects.events.push({ type: "orderUpdated", order });
  return order;
}

/**
 * Ends an open order: detaches it; unless it filled, its reserved margin goes back to the balance,
 * exactly. Reports the finished order in an `orderUpdated` event.
 */
export function endOrder(
  state: EngineState,
  account: AccountState,
  record: OrderRecord,
  status: Exclude<OrderStatus, "open">,
  at: number,
  effects: CommandEffects,
  outcome: { positionId?: string; reason?: string } = {},
): Order {
  detachOrder(state, account, record);
  const order = record.order;
  if (status !== "filled") account.usd = usdFromCents(account.usd + order.margin);
  const ended: Order = {
    ...order,
    status,
    updatedAt: at,
    positionId: outcome.positionId ?? null,
    reason: outcome.reason ?? null,
  };
  effects.events.push({ type: "orderUpdated", order: ended });
  effects.changed.add(account.accountId);
  return ended;
}

/** Σ margin reserved by an account's open orders, O(its open orders). */
export function orderMarginOf(account: AccountState): Usd {
  let sum = 0n;
  for (const record of account.orders.values()) sum += record.order.margin;
  return usdFromCents(sum);
}
