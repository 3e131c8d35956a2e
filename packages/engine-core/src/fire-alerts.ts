import type { AlertRecord } from "./alert-index";
import type { CommandEffects } from "./command-handler";
import type { EngineState, MarketState } from "./engine-state";
import { disarmAlert } from "./ledger";
import type { Price } from "./money";
import type { TriggeredAlert } from "./types";

/**
 * The alert step of a tick, run after its closes: disarms every alert the book meets (above at
 * the ask, below at the bid) and reports each once with the price that met it. Only called for
 * a quote that applied, so a stale quote never fires one.
 */
export function fireAlerts(
  state: EngineState,
  market: MarketState,
  quote: { bid: Price; ask: Price },
  at: number,
  effects: CommandEffects,
): TriggeredAlert[] {
  const taken = market.alerts.take(quote.bid, quote.ask);
  if (taken.length === 0) return [];
  if (taken.length > 1) taken.sort(byCreation);
  return taken.map((record) => {
    disarmAlert(state, record);
    const price = record.alert.condition === "above" ? quote.ask : quote.bid;
    const triggered: TriggeredAlert = { alert: record.alert, price, triggeredAt: at };
    effects.events.push({ type: "alertTriggered", triggered });
    return triggered;
  });
}

/** Canonical order within one tick, so a restored engine emits the same events. */
function byCreation(a: AlertRecord, b: AlertRecord): number {
  if (a.alert.createdAt !== b.alert.createdAt) return a.alert.createdAt - b.alert.createdAt;
  return a.alert.alertId < b.alert.alertId ? -1 : a.alert.alertId > b.alert.alertId ? 1 : 0;
}
