import { reject, type CommandEffects } from "./command-handler";
import { accountView, type AccountState, type EngineState } from "./engine-state";
import { qtyFromUnits, usdFromCents } from "./money";
import type { CreateAccountCommand, CreateAccountValue, Result } from "./types";

/** Opens an account with the initial deposit; idempotent (an existing id is returned, not refunded). */
export function createAccount(
  state: EngineState,
  command: CreateAccountCommand,
  effects: CommandEffects,
): Result<CreateAccountValue> {
  if (command.accountId.length === 0) return reject("INVALID_REQUEST", "accountId is empty");
  const existing = state.accounts.get(command.accountId);
  if (existing !== undefined)
    return { ok: true, value: { account: accountView(existing), created: false } };
  const account: AccountState = {
    accountId: command.accountId,
    usd: state.config.initialDepositUsd,
    sol: qtyFromUnits(0n),
    deposits: state.config.initialDepositUsd,
    withdrawals: usdFromCents(0n),
    realizedPnl: usdFromCents(0n),
    createdAt: command.at,
    hashHi: 0,
    hashLo: 0,
    open: new Map(),
    clientOrders: new Map(),
    orders: new Map(),
  };
  state.accounts.set(account.accountId, account);
  effects.changed.add(account.accountId);
  return { ok: true, value: { account: accountView(account), created: true } };
}
