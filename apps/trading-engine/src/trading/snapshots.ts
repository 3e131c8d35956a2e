import { formatPrice, formatQty, formatUsd } from "@repo/engine-core/money";
import type { Account, ClosedPosition, Position } from "@repo/engine-core/engine";
import type { AccountSnapshot, ClosedPositionSnapshot, PositionSnapshot } from "@repo/engine-core/snapshot";

/** Engine account → the exact decimal strings stored in SQLite. */
export function accountToSnapshot(account: Account): AccountSnapshot {
  return {
    accountId: account.accountId,
    usd: formatUsd(account.balances.USD),
    sol: formatQty(account.balances.SOL),
    deposits: formatUsd(account.deposits),
    realizedPnl: formatUsd(account.realizedPnl),
    createdAt: account.createdAt,
  };
}

/** Engine position → the exact decimal strings stored in SQLite. */
export function positionToSnapshot(p: Position): PositionSnapshot {
  return {
    positionId: p.positionId,
    accountId: p.accountId,
    symbol: p.symbol,
    side: p.side,
    margin: formatUsd(p.margin),
    leverage: p.leverage,
    entryPrice: formatPrice(p.entryPrice),
    quantity: formatQty(p.quantity),
    liquidationPrice: formatPrice(p.liquidationPrice),
    stopLoss: p.stopLoss === null ? null : formatPrice(p.stopLoss),
    takeProfit: p.takeProfit === null ? null : formatPrice(p.takeProfit),
    openedAt: p.openedAt,
    clientOrderId: p.clientOrderId,
  };
}

export function closedPositionToSnapshot(p: ClosedPosition): ClosedPositionSnapshot {
  return {
    ...positionToSnapshot(p),
    closePrice: formatPrice(p.closePrice),
    realizedPnl: formatUsd(p.realizedPnl),
    closedAt: p.closedAt,
    reason: p.reason,
  };
}
