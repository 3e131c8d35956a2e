import { reject, type CommandEffects } from "./command-handler";
import type { EngineState, MarketState } from "./engine-state";
import { fireAlerts } from "./fire-alerts";
import type { Price } from "./money";
import { settle } from "./ledger";
import type { OpenRecord } from "./open-record";
import { closingPrice } from "./position-math";
import { triggerReason } from "./stops";
import { expireDueOrders } from "./expire-orders";
import { fillOrders } from "./fill-orders";
import type {
  ApplyQuoteCommand,
  ApplyQuoteValue,
  ClosedPosition,
  Order,
  QuoteSkip,
  Result,
  TriggeredAlert,
} from "./types";

/**
 * Takes a market's new quote, fills the pending orders it triggers, closes every position it
 * triggers (liquidation, stop loss, take profit) at the closing side, then fires the alerts it
 * meets. Older, future-stamped and already-stale quotes are skipped (no trigger fires on them),
 * and a move out of the price band waits for a confirming quote (§4).
 *
 * The order a tick applies things in, the same live and on replay:
 * 1. orders whose expiry is at or before the tick's `at` expire (an order never fills past it);
 * 2. for each book (a held quote the tick confirms first, then the tick's own): the book becomes
 *    the market's quote; the orders it triggers fill in placement order (createdAt, orderId);
 *    then the positions it triggers close in opening order (openedAt, positionId) — positions a
 *    fill just opened included, so one tick's liquidation/SL/TP checks see its own fills;
 *    then the alerts that book meets fire (one-shot).
 */
export function applyQuote(
  state: EngineState,
  command: ApplyQuoteCommand,
  effects: CommandEffects,
): Result<ApplyQuoteValue> {
  const market = state.markets.get(command.symbol);
  if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
  const { bid, ask, price } = command;
  if (bid <= 0n || ask < bid || price <= 0n)
    return reject("INVALID_REQUEST", "need 0 < bid ≤ ask and price > 0");
  // At-least-once delivery can replay an older quote; acting on it would move prices backwards.
  if (market.quote !== null && command.timestamp < market.quote.timestamp) return skipped("older");
  // A quote from the future would make every later real quote look older (and be ignored).
  if (command.timestamp - command.at > (state.config.maxClockSkewMs ?? 2_000))
    return skipped("future");
  // A quote already stale on arrival (a backlog) neither fires triggers nor shows as the price:
  // the price shown is the price acted on, so it does not enter the book either.
  if (command.at - command.timestamp > state.config.priceStaleMs) return skipped("stale");
  const verdict = market.band.judge(command);
  if (verdict.kind === "hold") return skipped("held");
  const orders = expireDueOrders(state, command.at, effects);
  const closed: ClosedPosition[] = [];
  const alerts: TriggeredAlert[] = [];
  if (verdict.kind === "confirm") {
    // The held quote is the first of the move: it applies before the one confirming it.
    closed.push(...applyBook(state, market, verdict.held, command.at, effects, orders));
    alerts.push(...fireAlerts(state, market, verdict.held, command.at, effects));
  }
  closed.push(...applyBook(state, market, command, command.at, effects, orders));
  alerts.push(...fireAlerts(state, market, command, command.at, effects));
  return { ok: true, value: { applied: true, closed, orders, alerts } };
}

function skipped(reason: QuoteSkip): Result<ApplyQuoteValue> {
  return { ok: true, value: { applied: false, skipped: reason, closed: [], orders: [], alerts: [] } };
}

/** Makes `quote` the market's book, fills the orders it triggers, then closes the positions it triggers. */
function applyBook(
  state: EngineState,
  market: MarketState,
  quote: { bid: Price; ask: Price; price: Price; timestamp: number },
  at: number,
  effects: CommandEffects,
  orders: Order[],
): ClosedPosition[] {
  const { bid, ask } = quote;
  market.quote = {
    symbol: market.config.symbol,
    bid,
    ask,
    price: quote.price,
    timestamp: quote.timestamp,
    receivedAt: at,
  };
  orders.push(...fillOrders(state, market, bid, ask, at, effects));
  const triggered = market.finder.take(bid, ask);
  if (triggered.length > 1) triggered.sort(byOpenOrder);
  const closed: ClosedPosition[] = [];
  for (const record of triggered) {
    const position = record.position;
    const account = state.accounts.get(position.accountId);
    if (account === undefined)
      throw new Error(`engine-core: position ${position.positionId} has no account`);
    const fill = closingPrice(position.side, bid, ask);
    closed.push(
      settle(state, account, record, fill, triggerReason(position, fill), at, effects.events),
    );
    effects.changed.add(account.accountId);
  }
  return closed;
}

/** Orders closes within one tick canonically, so both finders and a restored engine emit the same events. */
export function byOpenOrder(a: OpenRecord, b: OpenRecord): number {
  const pa = a.position;
  const pb = b.position;
  if (pa.openedAt !== pb.openedAt) return pa.openedAt - pb.openedAt;
  return pa.positionId < pb.positionId ? -1 : pa.positionId > pb.positionId ? 1 : 0;
}
