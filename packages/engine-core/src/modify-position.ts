import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { replaceOpen } from "./ledger";
import { priceFromUnits } from "./money";
import { closingPrice } from "./position-math";
import { validateStops } from "./stops";
import type {
  ModifyPositionCommand,
  ModifyPositionValue,
  Position,
  Result,
  TrailingStop,
} from "./types";

/**
 * Edits the stop loss, take profit and trailing stop of an open position (null clears one, an
 * absent field stays) under the rules of an open, checked against the fresh quote; the record
 * is re-filed in the trigger index in place. A trailing stop starts at the closing price ∓ its
 * distance. Clearing needs no quote; setting a level does.
 */
export function modifyPosition(
  state: EngineState,
  command: ModifyPositionCommand,
  effects: CommandEffects,
): Result<ModifyPositionValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  const record = account.open.get(command.positionId);
  if (record === undefined) return reject("POSITION_NOT_FOUND", "no such open position");
  const market = state.markets.get(record.position.symbol);
  if (market === undefined) throw new Error(`engine-core: open position on unknown market`);
  const current = record.position;
  const stopLoss = command.stopLoss === undefined ? current.stopLoss : command.stopLoss;
  const takeProfit = command.takeProfit === undefined ? current.takeProfit : command.takeProfit;
  const setsLevel =
    (command.stopLoss ?? null) !== null ||
    (command.takeProfit ?? null) !== null ||
    (command.trailingStop ?? null) !== null;
  const quote = freshQuote(state, market, command.at);
  if (setsLevel && quote === null)
    return reject("PRICE_UNAVAILABLE", `no fresh price for ${current.symbol}`);

  let trailingStop: TrailingStop | null = current.trailingStop;
  if (command.trailingStop === null) trailingStop = null;
  else if (command.trailingStop !== undefined && quote !== null) {
    const distance = command.trailingStop.distance;
    if (distance <= 0n) return reject("INVALID_STOPS", "trailing distance must be positive");
    const exit = closingPrice(current.side, quote.bid, quote.ask);
    const level = current.side === "long" ? exit - distance : exit + distance;
    if (level <= 0n) return reject("INVALID_STOPS", "trailing distance is beyond the price");
    trailingStop = { distance, level: priceFromUnits(level) };
  }
  if (quote !== null && setsLevel) {
    const error = validateStops(
      current.side,
      current.entryPrice,
      closingPrice(current.side, quote.bid, quote.ask),
      current.liquidationPrice,
      stopLoss,
      takeProfit,
      command.trailingStop === undefined ? null : (trailingStop?.level ?? null),
    );
    if (error !== null) return reject("INVALID_STOPS", error);
  }
  const position: Position = { ...current, stopLoss, takeProfit, trailingStop };
  replaceOpen(state, market, record, position, effects.events);
  return { ok: true, value: { position } };
}
