import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { settle } from "./ledger";
import { byOpenOrder, type OpenRecord } from "./open-record";
import { closingPrice, pnlAt } from "./position-math";
import { usdFromCents, type Price } from "./money";
import type {
  CloseAllPositionsCommand,
  CloseAllPositionsValue,
  ClosedPosition,
  Result,
} from "./types";

/**
 * Closes, by hand ("manual"), every open position of the account that the filters select
 * (market, side, profitable / losing at the fresh quote), in canonical order, as one command:
 * all of them or — when a selected position's market has no fresh quote — none.
 */
export function closeAllPositions(
  state: EngineState,
  command: CloseAllPositionsCommand,
  effects: CommandEffects,
): Result<CloseAllPositionsValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  if (command.symbol !== undefined && !state.markets.has(command.symbol))
    return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
  const filter = command.filter ?? "all";
  const selected: { record: OpenRecord; price: Price }[] = [];
  for (const record of account.open.values()) {
    const p = record.position;
    if (command.symbol !== undefined && p.symbol !== command.symbol) continue;
    if (command.side !== undefined && p.side !== command.side) continue;
    const market = state.markets.get(p.symbol);
    const quote = market === undefined ? null : freshQuote(state, market, command.at);
    if (quote === null) return reject("PRICE_UNAVAILABLE", `no fresh price for ${p.symbol}`);
    const price = closingPrice(p.side, quote.bid, quote.ask);
    const pnl = pnlAt(p.side, p.entryPrice, p.margin, p.quantity, price);
    if (filter === "profitable" && pnl <= 0n) continue;
    if (filter === "losing" && pnl >= 0n) continue;
    selected.push({ record, price });
  }
  selected.sort((a, b) => byOpenOrder(a.record, b.record));
  const closed: ClosedPosition[] = [];
  let realized = 0n;
  for (const { record, price } of selected) {
    state.markets.get(record.position.symbol)?.finder.remove(record);
    const c = settle(state, account, record, price, "manual", command.at, effects.events);
    realized += c.realizedPnl;
    closed.push(c);
  }
  if (closed.length > 0) effects.changed.add(account.accountId);
  return { ok: true, value: { closed, realizedPnl: usdFromCents(realized) } };
}
