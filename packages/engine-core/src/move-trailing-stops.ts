import type { CommandEffects } from "./command-handler";
import type { EngineState, MarketState } from "./engine-state";
import { replaceOpen } from "./ledger";
import { byOpenOrder } from "./open-record";
import { closingPrice } from "./position-math";
import { priceFromUnits, type Price } from "./money";
import type { Position } from "./types";

/**
 * The trailing-stop step of a tick: every trailing stop whose anchor (best closing price seen)
 * the quote beats moves to the new closing price ∓ its distance; no other record is looked at.
 * The finder hands out exactly the beaten ones from its anchor-ordered index, so a tick costs
 * O(1) when no stop moves and O(k log n) for k moved stops. Levels only ever move toward the
 * price, so they stay inside the liquidation price they were validated against.
 */
export function moveTrailingStops(
  state: EngineState,
  market: MarketState,
  bid: Price,
  ask: Price,
  effects: CommandEffects,
): void {
  const moved = market.finder.takeTrailed(bid, ask);
  // Canonical order, so both finders (and a replay) emit the same events.
  if (moved.length > 1) moved.sort(byOpenOrder);
  for (const record of moved) {
    const p = record.position;
    const trailing = p.trailingStop;
    if (trailing === null) throw new Error("engine-core: trailed record without trailing stop");
    const exit = closingPrice(p.side, bid, ask);
    const level = priceFromUnits(
      p.side === "long" ? exit - trailing.distance : exit + trailing.distance,
    );
    const position: Position = { ...p, trailingStop: { distance: trailing.distance, level } };
    replaceOpen(state, market, record, position, effects.events);
  }
}
