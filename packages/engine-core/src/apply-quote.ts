import { reject, type CommandEffects } from "./command-handler";
import type { EngineState } from "./engine-state";
import { settle } from "./ledger";
import type { OpenRecord } from "./open-record";
import { closingPrice } from "./position-math";
import { triggerReason } from "./stops";
import type { ApplyQuoteCommand, ApplyQuoteValue, ClosedPosition, Result } from "./types";

/**
 * Takes a market's new quote and closes every position it triggers (liquidation, stop loss, take
 * profit) at the closing side, in canonical order.
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
  if (market.quote !== null && command.timestamp < market.quote.timestamp) {
    return { ok: true, value: { applied: false, closed: [] } };
  }
  market.quote = {
    symbol: command.symbol,
    bid,
    ask,
    price,
    timestamp: command.timestamp,
    receivedAt: command.at,
  };
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
      settle(
        state,
        account,
        record,
        fill,
        triggerReason(position, fill),
        command.at,
        effects.events,
      ),
    );
    effects.changed.add(account.accountId);
  }
  return { ok: true, value: { applied: true, closed } };
}

/** Orders closes within one tick canonically, so both finders and a restored engine emit the same events. */
function byOpenOrder(a: OpenRecord, b: OpenRecord): number {
  const pa = a.position;
  const pb = b.position;
  if (pa.openedAt !== pb.openedAt) return pa.openedAt - pb.openedAt;
  return pa.positionId < pb.positionId ? -1 : pa.positionId > pb.positionId ? 1 : 0;
}
