import { formatUsd, usdFromCents, type Usd } from "@repo/engine-core/money";
import type { Account, EngineEvent } from "@repo/engine-core/engine";
import type { BalancePointRecord } from "../ports";

/**
 * The balance-curve points one command's events make, in event order: a close moves the balance
 * by its realised PnL, a reset by its adjustment. The engine reports the balance after the
 * command (Σ deposits − Σ withdrawals + Σ realised PnL), so each point is that figure minus the
 * moves after it: exact, with no read of the previous point.
 */
export function balancePointsOf(events: readonly EngineEvent[], accountOf: (id: string) => Account | null): BalancePointRecord[] {
  const moves: { accountId: string; time: number; amount: Usd; reason: BalancePointRecord["reason"] }[] = [];
  for (const event of events) {
    if (event.type === "positionClosed") {
      const p = event.position;
      moves.push({ accountId: p.accountId, time: p.closedAt, amount: p.realizedPnl, reason: "close" });
    } else if (event.type === "accountReset") {
      moves.push({ accountId: event.accountId, time: event.at, amount: event.adjustment, reason: "reset" });
    }
  }
  const after = new Map<string, bigint>();
  const points: BalancePointRecord[] = [];
  for (let i = moves.length - 1; i >= 0; i--) {
    const move = moves[i];
    if (move === undefined) continue;
    let balance = after.get(move.accountId);
    if (balance === undefined) {
      const account = accountOf(move.accountId);
      if (account === null) continue;
      balance = ledgerBalance(account);
    }
    points.push({ accountId: move.accountId, time: move.time, balance: formatUsd(usdFromCents(balance)), reason: move.reason });
    after.set(move.accountId, balance - move.amount);
  }
  return points.reverse();
}

/** Σ deposits − Σ withdrawals + Σ realised PnL: the balance with the margins in use counted in. */
export function ledgerBalance(account: Account): bigint {
  return account.deposits - account.withdrawals + account.realizedPnl;
}

/** The opening deposit's point of a new account. */
export function depositPoint(account: Account): BalancePointRecord {
  return { accountId: account.accountId, time: account.createdAt, balance: formatUsd(account.deposits), reason: "deposit" };
}
