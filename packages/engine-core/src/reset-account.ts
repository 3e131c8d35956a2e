import { byOpenOrder } from "./apply-quote";
import { cancelAccountOrders } from "./cancel-order";
import { reject, type CommandEffects } from "./command-handler";
import { accountView, freshQuote, type AccountState, type EngineState } from "./engine-state";
import { settle } from "./ledger";
import { usdFromCents } from "./money";
import { closingPrice } from "./position-math";
import type { ClosedPosition, ResetAccountCommand, ResetAccountValue, Result } from "./types";

/**
 * Puts a demo account back to the initial deposit as one command: every open order is cancelled
 * (its reserved margin back in the balance), every open position closes at its market's fresh
 * quote (reason `reset`), then the difference to the initial deposit is
 * recorded as a deposit (below it) or a withdrawal (above it), so Σ balances + Σ margins =
 * Σ deposits − Σ withdrawals + Σ realised PnL holds across it (no reserved margin is left). A stale market with an open
 * position refuses the whole reset (nothing changes).
 */
export function resetAccount(
  state: EngineState,
  command: ResetAccountCommand,
  effects: CommandEffects,
): Result<ResetAccountValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  for (const record of account.open.values()) {
    const market = state.markets.get(record.position.symbol);
    if (market === undefined || freshQuote(state, market, command.at) === null)
      return reject("PRICE_UNAVAILABLE", `no fresh price for ${record.position.symbol}`);
  }
  const orders = cancelAccountOrders(state, account, command.at, effects);
  const closed = closeEveryPosition(state, account, command.at, effects);
  const adjustment = usdFromCents(state.config.initialDepositUsd - account.usd);
  if (adjustment > 0n) account.deposits = usdFromCents(account.deposits + adjustment);
  else account.withdrawals = usdFromCents(account.withdrawals - adjustment);
  account.usd = state.config.initialDepositUsd;
  effects.changed.add(account.accountId);
  effects.events.push({
    type: "accountReset",
    accountId: account.accountId,
    adjustment,
    at: command.at,
  });
  return { ok: true, value: { account: accountView(account), closed, orders, adjustment } };
}

/** Closes the account's open positions at the closing side of their (checked fresh) quotes. */
function closeEveryPosition(
  state: EngineState,
  account: AccountState,
  at: number,
  effects: CommandEffects,
): ClosedPosition[] {
  const records = [...account.open.values()].sort(byOpenOrder);
  return records.map((record) => {
    const market = state.markets.get(record.position.symbol);
    const quote = market === undefined ? null : freshQuote(state, market, at);
    if (market === undefined || quote === null)
      throw new Error("engine-core: reset checked every quote first");
    market.finder.remove(record);
    const fill = closingPrice(record.position.side, quote.bid, quote.ask);
    return settle(state, account, record, fill, "reset", at, effects.events);
  });
}
