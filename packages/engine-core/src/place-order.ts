import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { marginFigures } from "./free-margin";
import { usdFromCents } from "./money";
import { insertOrder } from "./order-ledger";
import { expiryRejection, orderEntryRejection, orderPriceRejection } from "./order-rules";
import type { Order, OrderValue, PlaceOrderCommand, Result } from "./types";

/**
 * Places a limit or stop order against the fresh quote, reserving its margin: it leaves the USD
 * balance (so the free margin no longer counts it) and stays the account's until the order fills
 * (the position's margin) or ends (back to the balance). Funds are checked here, never at the fill.
 */
export function placeOrder(
  state: EngineState,
  command: PlaceOrderCommand,
  effects: CommandEffects,
): Result<OrderValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  if (state.orders.has(command.orderId) || state.open.has(command.orderId))
    return reject("INVALID_REQUEST", "orderId already used");
  const market = state.markets.get(command.symbol);
  if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
  const { leverage, margin, side, orderType, price } = command;
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > market.config.maxLeverage) {
    return reject(
      "INVALID_REQUEST",
      `leverage must be an integer in 1..${market.config.maxLeverage}`,
    );
  }
  if (margin <= 0n) return reject("INVALID_REQUEST", "margin must be positive");
  if (price <= 0n) return reject("INVALID_REQUEST", "price must be positive");
  const expiresAt = command.expiresAt ?? null;
  const expiry = expiryRejection(expiresAt, command.at);
  if (expiry !== null) return expiry;
  const quote = freshQuote(state, market, command.at);
  if (quote === null) return reject("PRICE_UNAVAILABLE", `no fresh price for ${command.symbol}`);
  const priceError = orderPriceRejection(side, orderType, price, quote);
  if (priceError !== null) return priceError;
  const stopLoss = command.stopLoss ?? null;
  const takeProfit = command.takeProfit ?? null;
  const entryError = orderEntryRejection({ side, price, margin, leverage, stopLoss, takeProfit });
  if (entryError !== null) return entryError;
  if (margin > marginFigures(state, account).freeMargin)
    return reject("INSUFFICIENT_FUNDS", "margin exceeds the free margin");

  const order: Order = {
    orderId: command.orderId,
    accountId: account.accountId,
    symbol: market.config.symbol,
    asset: market.config.asset,
    side,
    orderType,
    price,
    margin,
    leverage,
    stopLoss,
    takeProfit,
    expiresAt,
    clientOrderId: command.clientOrderId ?? null,
    status: "open",
    createdAt: command.at,
    updatedAt: command.at,
    positionId: null,
    reason: null,
  };
  account.usd = usdFromCents(account.usd - margin);
  insertOrder(state, account, market, order);
  effects.events.push({ type: "orderUpdated", order });
  effects.changed.add(account.accountId);
  return { ok: true, value: { order } };
}
