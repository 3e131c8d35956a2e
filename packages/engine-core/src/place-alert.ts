import { reject, type CommandEffects } from "./command-handler";
import type { EngineState } from "./engine-state";
import { armAlert } from "./ledger";
import type { Alert, AlertValue, PlaceAlertCommand, Result } from "./types";

/**
 * Arms a one-shot price alert. Any positive price is accepted, even one the book already meets:
 * the alert then fires on the next fresh quote, which is what "tell me when" means.
 */
export function placeAlert(
  state: EngineState,
  command: PlaceAlertCommand,
  effects: CommandEffects,
): Result<AlertValue> {
  if (!state.accounts.has(command.accountId)) return reject("NOT_FOUND", "account not found");
  const market = state.markets.get(command.symbol);
  if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
  if (command.condition !== "above" && command.condition !== "below")
    return reject("INVALID_REQUEST", "condition must be above or below");
  if (command.price <= 0n) return reject("INVALID_REQUEST", "price must be positive");
  if (command.alertId.length === 0 || state.alerts.has(command.alertId))
    return reject("INVALID_REQUEST", "alertId is empty or already armed");
  const alert: Alert = {
    alertId: command.alertId,
    accountId: command.accountId,
    symbol: command.symbol,
    condition: command.condition,
    price: command.price,
    createdAt: command.at,
  };
  armAlert(state, market, alert);
  effects.events.push({ type: "alertPlaced", alert });
  return { ok: true, value: { alert } };
}
