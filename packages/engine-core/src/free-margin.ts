import type { AccountState, EngineState } from "./engine-state";
import { usdFromCents, type Usd } from "./money";
import { closingPrice, pnlAt } from "./position-math";

/** An account's margin figures marked at the latest quotes (closing side). */
export interface MarginFigures {
  usedMargin: Usd;
  unrealizedPnl: Usd;
  /**
   * The one figure every margin check uses (architecture §5): balance + min(0, unrealised PnL).
   * Floating losses shrink it; floating gains do not grow it, because a new margin leaves the
   * cash balance and the cash balance never goes negative.
   */
  freeMargin: Usd;
}

/** Used margin, unrealised PnL and free margin of an account, O(its open positions). */
export function marginFigures(state: EngineState, account: AccountState): MarginFigures {
  let usedMargin = 0n;
  let unrealized = 0n;
  for (const record of account.open.values()) {
    const p = record.position;
    usedMargin += p.margin;
    const quote = state.markets.get(p.symbol)?.quote ?? null;
    if (quote === null) continue;
    unrealized += pnlAt(
      p.side,
      p.entryPrice,
      p.margin,
      p.quantity,
      closingPrice(p.side, quote.bid, quote.ask),
    );
  }
  const floatingLoss = unrealized < 0n ? unrealized : 0n;
  return {
    usedMargin: usdFromCents(usedMargin),
    unrealizedPnl: usdFromCents(unrealized),
    freeMargin: usdFromCents(account.usd + floatingLoss),
  };
}
