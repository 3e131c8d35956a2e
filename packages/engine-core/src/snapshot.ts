import { accountView, type EngineState } from "./engine-state";
import { formatPrice, formatQty, formatUsd } from "./money";
import type {
  Account,
  Alert,
  AlertCondition,
  ClosedPosition,
  CloseReason,
  Order,
  OrderStatus,
  OrderType,
  Position,
  Quote,
  Side,
} from "./types";

/**
 * The engine's whole state as plain JSON (amounts as exact decimal strings), so a service can
 * persist it, or rebuild it from its own database rows, and restore with `restoreEngine`.
 *
 * - `openPositions`: every open position (restore rebuilds the clientOrderId index from them).
 *   Closed positions are history and belong to the service: the engine forgets them on close.
 * - `orders`: every open order (their margins reserved); restore rebuilds the order index and
 *   the expiry heap from them. Rows of finished orders are skipped: history the service keeps.
 *   Optional, so snapshots written before pending orders existed still restore.
 * - `alerts`: every armed alert (fired ones are history the service owns); absent = none.
 * - `quotes`: optional; not part of the state hash (prices are market data, not ledger state).
 */
export interface EngineSnapshot {
  version: 1;
  accounts: AccountSnapshot[];
  openPositions: PositionSnapshot[];
  orders?: OrderSnapshot[];
  alerts?: AlertSnapshot[];
  quotes?: QuoteSnapshot[];
}

export interface OrderSnapshot {
  orderId: string;
  accountId: string;
  symbol: string;
  side: Side;
  orderType: OrderType;
  price: string;
  margin: string;
  leverage: number;
  stopLoss: string | null;
  takeProfit: string | null;
  expiresAt: number | null;
  clientOrderId: string | null;
  status: OrderStatus;
  createdAt: number;
  updatedAt: number;
  positionId: string | null;
  reason: string | null;
}

export interface AccountSnapshot {
  accountId: string;
  /** USD balance, e.g. "9000.00". */
  usd: string;
  /** SOL balance (always "0" for CFDs). */
  sol: string;
  deposits: string;
  withdrawals: string;
  realizedPnl: string;
  createdAt: number;
}

export interface AlertSnapshot {
  alertId: string;
  accountId: string;
  symbol: string;
  condition: AlertCondition;
  price: string;
  createdAt: number;
}

export interface PositionSnapshot {
  positionId: string;
  accountId: string;
  symbol: string;
  side: Side;
  margin: string;
  leverage: number;
  entryPrice: string;
  quantity: string;
  liquidationPrice: string;
  stopLoss: string | null;
  takeProfit: string | null;
  /** Absent in snapshots written before trailing stops existed (read as none). */
  trailingStop?: { distance: string; level: string } | null;
  openedAt: number;
  clientOrderId: string | null;
}

export interface ClosedPositionSnapshot extends PositionSnapshot {
  closePrice: string;
  realizedPnl: string;
  closedAt: number;
  reason: CloseReason;
}

export interface QuoteSnapshot {
  symbol: string;
  bid: string;
  ask: string;
  price: string;
  timestamp: number;
  receivedAt: number;
}

/** An account as the exact decimal strings a service persists. */
export function accountSnapshotOf(a: Account): AccountSnapshot {
  return {
    accountId: a.accountId,
    usd: formatUsd(a.balances.USD),
    sol: formatQty(a.balances.SOL),
    deposits: formatUsd(a.deposits),
    withdrawals: formatUsd(a.withdrawals),
    realizedPnl: formatUsd(a.realizedPnl),
    createdAt: a.createdAt,
  };
}

/** An open position as the exact decimal strings a service persists. */
export function positionSnapshotOf(p: Position): PositionSnapshot {
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
    trailingStop:
      p.trailingStop === null
        ? null
        : { distance: formatPrice(p.trailingStop.distance), level: formatPrice(p.trailingStop.level) },
    openedAt: p.openedAt,
    clientOrderId: p.clientOrderId,
  };
}

/** A closed position as the exact decimal strings a service persists. */
export function closedSnapshotOf(c: ClosedPosition): ClosedPositionSnapshot {
  return {
    ...positionSnapshotOf(c),
    closePrice: formatPrice(c.closePrice),
    realizedPnl: formatUsd(c.realizedPnl),
    closedAt: c.closedAt,
    reason: c.reason,
  };
}

/** An order (open or finished) as the exact decimal strings a service persists. */
export function orderSnapshotOf(o: Order): OrderSnapshot {
  return {
    orderId: o.orderId,
    accountId: o.accountId,
    symbol: o.symbol,
    side: o.side,
    orderType: o.orderType,
    price: formatPrice(o.price),
    margin: formatUsd(o.margin),
    leverage: o.leverage,
    stopLoss: o.stopLoss === null ? null : formatPrice(o.stopLoss),
    takeProfit: o.takeProfit === null ? null : formatPrice(o.takeProfit),
    expiresAt: o.expiresAt,
    clientOrderId: o.clientOrderId,
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    positionId: o.positionId,
    reason: o.reason,
  };
}

/** An armed alert as the exact decimal strings a service persists. */
export function alertSnapshotOf(a: Alert): AlertSnapshot {
  return {
    alertId: a.alertId,
    accountId: a.accountId,
    symbol: a.symbol,
    condition: a.condition,
    price: formatPrice(a.price),
    createdAt: a.createdAt,
  };
}

/** A quote as exact decimal strings. */
function quoteSnapshotOf(q: Quote): QuoteSnapshot {
  return {
    symbol: q.symbol,
    bid: formatPrice(q.bid),
    ask: formatPrice(q.ask),
    price: formatPrice(q.price),
    timestamp: q.timestamp,
    receivedAt: q.receivedAt,
  };
}

/** The whole state as a snapshot; restore.ts reads it back. */
export function snapshotOf(state: EngineState): EngineSnapshot {
  const quotes: QuoteSnapshot[] = [];
  for (const market of state.markets.values()) {
    if (market.quote !== null) quotes.push(quoteSnapshotOf(market.quote));
  }
  return {
    version: 1,
    accounts: [...state.accounts.values()].map((a) => accountSnapshotOf(accountView(a))),
    openPositions: [...state.open.values()].map((r) => positionSnapshotOf(r.position)),
    orders: [...state.orders.values()].map((r) => orderSnapshotOf(r.order)),
    alerts: [...state.alerts.values()].map((r) => alertSnapshotOf(r.alert)),
    quotes,
  };
}
