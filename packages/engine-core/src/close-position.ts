import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { settle } from "./ledger";
import { formatPrice } from "./money";
import { closingPrice, withinSlippage } from "./position-math";
import { commandSlippage } from "./command-slippage";
import type { ClosePositionCommand, ClosePositionValue, Result } from "./types";

/** Closes an open position by hand at the fresh quote's closing side ("manual"). */
export function closePosition(
  state: EngineState,
  command: ClosePositionCommand,
  effects: CommandEffects,
): Result<ClosePositionValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  const record = account.open.get(command.positionId);
  if (record === undefined) return reject("POSITION_NOT_FOUND", "no such open position");
  const slippage = commandSlippage(command.slippagePct);
  if (typeof slippage !== "bigint") return slippage;
  const market = state.markets.get(record.position.symbol);
  const quote = market === undefined ? null : freshQuote(state, market, command.at);
  if (market === undefined || quote === null) {
    return reject("PRICE_UNAVAILABLE", `no fresh price for ${record.position.symbol}`);
  }
  const price = closingPrice(record.position.side, quote.bid, quote.ask);
  if (
    command.currentPrice !== undefined &&
    !withinSlippage(price, command.currentPrice, slippage)
  ) {
    return reject(
      "SLIPPAGE_EXCEEDED",
      `execution price ${formatPrice(price)} is beyond the slippage bound`,
    );
  }
  market.finder.remove(record);
  const closed = settle(state, account, record, price, "manual", command.at, effects.events);
  effects.changed.add(account.accountId);
  return { ok: true, value: { position: closed } };
}
