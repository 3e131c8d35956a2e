import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { replaceOrder } from "./order-ledger";
import { expiryRejection, orderEntryRejection, orderPriceRejection } from "./order-rules";
import type { ModifyOrderCommand, Order, OrderValue, Result } from "./types";

/**
 * Changes an open order's price, stops or expiry (absent: unchanged; null: removed). A new price
 * obeys the placement rule against the fresh quote; the stops are checked against the resulting
 * price. The margin stays reserved as it was.
 */
export function modifyOrder(
  state: EngineState,
  command: ModifyOrderCommand,
  effects: CommandEffects,
): Result<OrderValue> {
  const account = state.accounts.get(command.accountId);
  const record = account?.orders.get(command.orderId);
  if (account === undefined || record === undefined)
    return reject("ORDER_NOT_FOUND", "no such open order");
  const current = record.order;
  const market = state.markets.get(current.symbol);
  if (market === undefined) throw new Error(`engine-core: order ${current.orderId} has no market`);
  const price = command.price ?? current.price;
  if (price <= 0n) return reject("INVALID_REQUEST", "price must be positive");
  if (price !== current.price) {
    const quote = freshQuote(state, market, command.at);
    if (quote === null) return reject("PRICE_UNAVAILABLE", `no fresh price for ${current.symbol}`);
    const priceError = orderPriceRejection(current.side, current.orderType, price, quote);
    if (priceError !== null) return priceError;
  }
  const stopLoss = command.stopLoss === undefined ? current.stopLoss : command.stopLoss;
  const takeProfit = command.takeProfit === undefined ? current.takeProfit : command.takeProfit;
  const entryError = orderEntryRejection({ ...current, price, stopLoss, takeProfit });
  if (entryError !== null) return entryError;
  const expiresAt = command.expiresAt === undefined ? current.expiresAt : command.expiresAt;
  if (expiresAt !== current.expiresAt) {
    const expiry = expiryRejection(expiresAt, command.at);
    if (expiry !== null) return expiry;
  }
  const order: Order = {
    ...current,
    price,
    stopLoss,
    takeProfit,
    expiresAt,
    updatedAt: command.at,
  };
  replaceOrder(state, account, market, record, order, effects);
  return { ok: true, value: { order } };
}
