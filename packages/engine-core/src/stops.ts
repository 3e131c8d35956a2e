import type { Price } from "./money";
import type { CloseReason, Position, Side } from "./types";

/**
 * Stops must be able to fire and must fire before liquidation:
 * long  — liquidation < SL < bid (closing side) ≤ entry, TP > entry;
 * short — entry ≤ ask < SL < liquidation, TP < entry.
 * A stop on the far side of the liquidation price would never fire; one already crossed by the
 * current quote would fire on the next tick for no reason: both are refused.
 * Returns the reason they are refused, or null when they are valid.
 */
export function validateStops(
  side: Side,
  entry: Price,
  exit: Price,
  liquidation: Price,
  stopLoss: Price | null,
  takeProfit: Price | null,
): string | null {
  if (side === "long") {
    if (stopLoss !== null && !(stopLoss < exit && stopLoss > liquidation)) {
      return "long stop loss must be below the bid and above the liquidation price";
    }
    if (takeProfit !== null && !(takeProfit > entry))
      return "long take profit must be above the entry price";
    return null;
  }
  if (stopLoss !== null && !(stopLoss > exit && stopLoss < liquidation)) {
    return "short stop loss must be above the ask and below the liquidation price";
  }
  if (takeProfit !== null && !(takeProfit < entry))
    return "short take profit must be below the entry price";
  return null;
}

/**
 * Why a triggered position closes at `fill`. Liquidation wins when the fill is at or beyond the
 * liquidation price (even if a stop loss was also crossed: the loss is then capped at margin
 * anyway); otherwise a loss-side trigger is the stop loss and a profit-side one the take profit.
 */
export function triggerReason(position: Position, fill: Price): CloseReason {
  if (position.side === "long") {
    if (fill <= position.liquidationPrice) return "liquidation";
    if (position.stopLoss !== null && fill <= position.stopLoss) return "stop_loss";
    return "take_profit";
  }
  if (fill >= position.liquidationPrice) return "liquidation";
  if (position.stopLoss !== null && fill >= position.stopLoss) return "stop_loss";
  return "take_profit";
}
