import type { Price } from "./money";
import type { CloseReason, Position, Side } from "./types";

/**
 * Stops must be able to fire and must fire before liquidation:
 * long  — liquidation < SL < bid (closing side), TP > entry and TP > bid;
 * short — ask < SL < liquidation, TP < entry and TP < ask;
 * a trailing stop's level obeys the stop loss rule.
 * A stop on the far side of the liquidation price would never fire; one already crossed by the
 * current quote would fire on the next tick for no reason: both are refused. (At open the TP's
 * bound by the closing side is implied by the entry's; on an open position in profit it is not.)
 * Returns the reason they are refused, or null when they are valid.
 */
export function validateStops(
  side: Side,
  entry: Price,
  exit: Price,
  liquidation: Price,
  stopLoss: Price | null,
  takeProfit: Price | null,
  trailingLevel: Price | null = null,
): string | null {
  if (side === "long") {
    if (stopLoss !== null && !(stopLoss < exit && stopLoss > liquidation)) {
      return "long stop loss must be below the bid and above the liquidation price";
    }
    if (trailingLevel !== null && !(trailingLevel < exit && trailingLevel > liquidation)) {
      return "long trailing stop must start below the bid and above the liquidation price";
    }
    if (takeProfit !== null && !(takeProfit > entry && takeProfit > exit))
      return "long take profit must be above the entry price and the bid";
    return null;
  }
  if (stopLoss !== null && !(stopLoss > exit && stopLoss < liquidation)) {
    return "short stop loss must be above the ask and below the liquidation price";
  }
  if (trailingLevel !== null && !(trailingLevel > exit && trailingLevel < liquidation)) {
    return "short trailing stop must start above the ask and below the liquidation price";
  }
  if (takeProfit !== null && !(takeProfit < entry && takeProfit < exit))
    return "short take profit must be below the entry price and the ask";
  return null;
}

/**
 * Why a triggered position closes at `fill`. Liquidation wins when the fill is at or beyond the
 * liquidation price (even if a stop was also crossed: the loss is then capped at margin anyway);
 * otherwise a loss-side trigger is whichever of the stop loss and the trailing stop is nearer
 * (the one that fired first; the stop loss on a tie), and a profit-side one the take profit.
 */
export function triggerReason(position: Position, fill: Price): CloseReason {
  const long = position.side === "long";
  const reached = (level: Price | null): level is Price =>
    level !== null && (long ? fill <= level : fill >= level);
  if (reached(position.liquidationPrice)) return "liquidation";
  const stop = position.stopLoss;
  const trail = position.trailingStop?.level ?? null;
  if (reached(trail) && !(stop !== null && (long ? stop >= trail : stop <= trail)))
    return "trailing_stop";
  if (reached(stop)) return "stop_loss";
  return "take_profit";
}
