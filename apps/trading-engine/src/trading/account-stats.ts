import { parseUsd, usdFromCents, usdToNumber } from "@repo/engine-core/money";
import { divFloor } from "@repo/shared-types/decimal";
import type { TAccountStats } from "@repo/shared-types/api";
import type { BalancePointRecord } from "../ports";

/** A ratio as a percentage with two decimals, rounded down, for presentation. */
function percent(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : usdToNumber(usdFromCents(divFloor(part * 10_000n, whole)));
}

/**
 * The figures of the Account view, exact in cents: trades and wins over every close's realised
 * PnL (a win is a PnL above zero), and the largest drawdown of the balance curve. A reset starts
 * a new curve: its deposit or withdrawal is the trader's choice, not a trading loss or gain.
 */
export function accountStats(realizedPnls: readonly string[], curve: readonly BalancePointRecord[]): TAccountStats {
  let total = 0n;
  let wins = 0;
  let losses = 0;
  let best: bigint | null = null;
  let worst: bigint | null = null;
  for (const text of realizedPnls) {
    const pnl: bigint = parseUsd(text);
    total += pnl;
    if (pnl > 0n) wins += 1;
    else if (pnl < 0n) losses += 1;
    if (best === null || pnl > best) best = pnl;
    if (worst === null || pnl < worst) worst = pnl;
  }
  let peak: bigint | null = null;
  let drawdown = 0n;
  let drawdownPeak = 0n;
  for (const point of curve) {
    const balance: bigint = parseUsd(point.balance);
    if (peak === null || point.reason !== "close" || balance > peak) {
      peak = balance;
      continue;
    }
    if (peak - balance > drawdown) {
      drawdown = peak - balance;
      drawdownPeak = peak;
    }
  }
  const trades = realizedPnls.length;
  const usd = (cents: bigint): number => usdToNumber(usdFromCents(cents));
  return {
    trades,
    wins,
    losses,
    winRate: trades === 0 ? null : percent(BigInt(wins), BigInt(trades)),
    totalRealizedPnL: usd(total),
    bestTrade: best === null ? null : usd(best),
    worstTrade: worst === null ? null : usd(worst),
    maxDrawdown: usd(drawdown),
    maxDrawdownPct: percent(drawdown, drawdownPeak),
  };
}
