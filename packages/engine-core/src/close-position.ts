import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { replaceOpen, settle, settlePart } from "./ledger";
import { divFloor, formatPrice, qtyFromUnits, usdFromCents } from "./money";
import { closingPrice, liquidationPriceOf, withinSlippage } from "./position-math";
import { commandSlippage } from "./command-slippage";
import type { ClosePositionCommand, ClosePositionValue, Position, Result } from "./types";

/**
 * Closes an open position by hand at the fresh quote's closing side ("manual"), or part of it:
 * the closed part takes margin × part / quantity rounded down, so the remainder keeps the rest
 * exactly (conservation) and its own liquidation price, recomputed from what remains, only moves
 * away from the price (a larger margin per unit). The remainder keeps entry price and stops.
 */
export function closePosition(
  state: EngineState,
  command: ClosePositionCommand,
  effects: CommandEffects,
): Result<ClosePositionValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  const record = account.open.get(command.positionId);
  if (record === undefined) return reject("POSITION_NOT_FOUND", "no such open position");
  const open = record.position;
  const quantity = command.quantity ?? open.quantity;
  if (quantity <= 0n) return reject("INVALID_REQUEST", "quantity must be positive");
  if (quantity > open.quantity)
    return reject("INVALID_QUANTITY", "quantity is more than the open quantity");
  const slippage = commandSlippage(command.slippagePct);
  if (typeof slippage !== "bigint") return slippage;
  const market = state.markets.get(open.symbol);
  const quote = market === undefined ? null : freshQuote(state, market, command.at);
  if (market === undefined || quote === null) {
    return reject("PRICE_UNAVAILABLE", `no fresh price for ${open.symbol}`);
  }
  const price = closingPrice(open.side, quote.bid, quote.ask);
  if (
    command.currentPrice !== undefined &&
    !withinSlippage(price, command.currentPrice, slippage)
  ) {
    return reject(
      "SLIPPAGE_EXCEEDED",
      `execution price ${formatPrice(price)} is beyond the slippage bound`,
    );
  }
  if (quantity === open.quantity) {
    effects.changed.add(account.accountId);
    market.finder.remove(record);
    const closed = settle(state, account, record, price, "manual", command.at, effects.events);
    return { ok: true, value: { position: closed, remaining: null } };
  }
  const partMargin = usdFromCents(divFloor(open.margin * quantity, open.quantity));
  // A part without margin would carry its loss capped at zero: losses could be closed away.
  if (partMargin === 0n)
    return reject("INVALID_QUANTITY", "quantity is too small a part to carry any margin");
  effects.changed.add(account.accountId);
  const closed = settlePart(account, record, quantity, partMargin, price, command.at, effects.events);
  const margin = usdFromCents(open.margin - partMargin);
  const rest = qtyFromUnits(open.quantity - quantity);
  const remaining: Position = {
    ...open,
    margin,
    quantity: rest,
    liquidationPrice: liquidationPriceOf(open.side, open.entryPrice, margin, rest),
  };
  replaceOpen(state, market, record, remaining, effects.events);
  return { ok: true, value: { position: closed, remaining } };
}
