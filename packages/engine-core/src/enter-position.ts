import { reject, type CommandEffects } from "./command-handler";
import type { AccountState, EngineState, MarketState } from "./engine-state";
import { insertOpen } from "./ledger";
import type { Price, Qty, Usd } from "./money";
import { liquidationPriceOf, quantityFor } from "./position-math";
import { validateStops } from "./stops";
import type { Position, Rejection, Result, Side } from "./types";

/** What a new position is made of, whether a market order opens it or a pending order fills. */
export interface EntrySpec {
  positionId: string;
  side: Side;
  margin: Usd;
  leverage: number;
  /** The opening side of the quote it fills at (or an order's price, for a placement check). */
  entry: Price;
  /** The closing side of that quote: where it is marked the moment it opens. */
  exit: Price;
  stopLoss: Price | null;
  takeProfit: Price | null;
  clientOrderId: string | null;
  at: number;
}

export interface EntryFigures {
  quantity: Qty;
  liquidationPrice: Price;
}

/**
 * The one place that computes a new position's quantity and liquidation price and decides whether
 * it may exist: a quantity above zero, a margin that carries the spread, stops that can fire
 * before the liquidation price (stops.ts).
 */
export function checkEntry(
  spec: Omit<EntrySpec, "positionId" | "clientOrderId" | "at">,
): EntryFigures | Rejection {
  const { side, margin, leverage, entry, exit } = spec;
  const quantity = quantityFor(margin, leverage, entry);
  if (quantity <= 0n) return reject("INVALID_REQUEST", "quantity rounds to zero at this price");
  const liquidationPrice = liquidationPriceOf(side, entry, margin, quantity);
  // The spread alone would already liquidate it: the margin cannot carry this leverage here.
  if (side === "long" ? exit <= liquidationPrice : exit >= liquidationPrice) {
    return reject("INSUFFICIENT_FUNDS", "margin does not cover the spread at this leverage");
  }
  const stopsError = validateStops(
    side,
    entry,
    exit,
    liquidationPrice,
    spec.stopLoss,
    spec.takeProfit,
  );
  if (stopsError !== null) return reject("INVALID_STOPS", stopsError);
  return { quantity, liquidationPrice };
}

/**
 * Opens the position `spec` describes (after checkEntry) into the account and the market's trigger
 * finder. The caller moves the margin: out of the balance for a market order, out of the
 * reservation for a filled order.
 */
export function enterPosition(
  state: EngineState,
  account: AccountState,
  market: MarketState,
  spec: EntrySpec,
  effects: CommandEffects,
): Result<Position> {
  const figures = checkEntry(spec);
  if ("ok" in figures) return figures;
  const position: Position = {
    positionId: spec.positionId,
    accountId: account.accountId,
    symbol: market.config.symbol,
    asset: market.config.asset,
    side: spec.side,
    margin: spec.margin,
    leverage: spec.leverage,
    entryPrice: spec.entry,
    quantity: figures.quantity,
    liquidationPrice: figures.liquidationPrice,
    stopLoss: spec.stopLoss,
    takeProfit: spec.takeProfit,
    openedAt: spec.at,
    clientOrderId: spec.clientOrderId,
  };
  insertOpen(state, account, market, position);
  effects.events.push({ type: "positionOpened", position });
  effects.changed.add(account.accountId);
  return { ok: true, value: position };
}
