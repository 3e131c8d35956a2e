import { reject, type CommandEffects } from "./command-handler";
import { freshQuote, type EngineState } from "./engine-state";
import { marginFigures } from "./free-margin";
import { enterPosition } from "./enter-position";
import { formatPrice, usdFromCents } from "./money";
import { closingPrice, openingPrice, withinSlippage } from "./position-math";
import { commandSlippage } from "./command-slippage";
import type { OpenPositionCommand, OpenPositionValue, Result } from "./types";

/**
 * Opens an isolated-margin position at the fresh quote's opening side, moving the margin out of
 * the USD balance. A clientOrderId repeated while its position is open returns that position
 * instead; once it closed, the engine has forgotten it (the service answers from its history).
 */
export function openPosition(
  state: EngineState,
  command: OpenPositionCommand,
  effects: CommandEffects,
): Result<OpenPositionValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  const clientOrderId = command.clientOrderId ?? null;
  if (clientOrderId !== null) {
    const originalId = account.clientOrders.get(clientOrderId);
    if (originalId !== undefined) {
      const original = state.open.get(originalId)?.position;
      if (original !== undefined)
        return { ok: true, value: { replayed: true, position: original } };
    }
  }
  if (state.open.has(command.positionId)) {
    return reject("INVALID_REQUEST", "positionId already used");
  }
  const market = state.markets.get(command.symbol);
  if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
  const { leverage, margin, side } = command;
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > market.config.maxLeverage) {
    return reject(
      "INVALID_REQUEST",
      `leverage must be an integer in 1..${market.config.maxLeverage}`,
    );
  }
  if (margin <= 0n) return reject("INVALID_REQUEST", "margin must be positive");
  const slippage = commandSlippage(command.slippagePct);
  if (typeof slippage !== "bigint") return slippage;
  const quote = freshQuote(state, market, command.at);
  if (quote === null) return reject("PRICE_UNAVAILABLE", `no fresh price for ${command.symbol}`);
  if (margin > marginFigures(state, account).freeMargin)
    return reject("INSUFFICIENT_FUNDS", "margin exceeds the free margin");

  const entry = openingPrice(side, quote.bid, quote.ask);
  if (
    command.currentPrice !== undefined &&
    !withinSlippage(entry, command.currentPrice, slippage)
  ) {
    return reject(
      "SLIPPAGE_EXCEEDED",
      `execution price ${formatPrice(entry)} is beyond the slippage bound`,
    );
  }
  const entered = enterPosition(
    state,
    account,
    market,
    {
      positionId: command.positionId,
      side,
      margin,
      leverage,
      entry,
      exit: closingPrice(side, quote.bid, quote.ask),
      stopLoss: command.stopLoss ?? null,
      takeProfit: command.takeProfit ?? null,
      clientOrderId,
      at: command.at,
    },
    effects,
  );
  if (!entered.ok) return entered;
  const position = entered.value;
  account.usd = usdFromCents(account.usd - margin);
  return { ok: true, value: { replayed: false, position } };
}
