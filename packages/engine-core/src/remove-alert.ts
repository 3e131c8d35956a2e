import { reject, type CommandEffects } from "./command-handler";
import type { EngineState } from "./engine-state";
import { disarmAlert } from "./ledger";
import type { AlertValue, RemoveAlertCommand, Result } from "./types";

/** Disarms one of the account's armed alerts; another account's, or a fired one, is NOT_FOUND. */
export function removeAlert(
  state: EngineState,
  command: RemoveAlertCommand,
  effects: CommandEffects,
): Result<AlertValue> {
  const record = state.alerts.get(command.alertId);
  if (record === undefined || record.alert.accountId !== command.accountId)
    return reject("NOT_FOUND", "no such armed alert");
  state.markets.get(record.alert.symbol)?.alerts.remove(record);
  disarmAlert(state, record);
  effects.events.push({ type: "alertRemoved", alert: record.alert });
  return { ok: true, value: { alert: record.alert } };
}
