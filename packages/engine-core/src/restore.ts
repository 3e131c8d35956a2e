import type { AccountState, EngineState } from "./engine-state";
import { armAlert, insertOpen, rehashAccount } from "./ledger";
import { insertOrder } from "./order-ledger";
import { parsePrice, parseQty, parseUsd } from "./money";
import type {
  AccountSnapshot,
  AlertSnapshot,
  EngineSnapshot,
  OrderSnapshot,
  PositionSnapshot,
  QuoteSnapshot,
} from "./snapshot";
import type { Alert, Order, Position, Quote } from "./types";

/*
 * The inverse of snapshot.ts: each `…FromSnapshot` reads back what the matching `…SnapshotOf`
 * wrote. Throws (a bug or corrupt data, not a business rejection) on unknown symbols, accounts,
 * duplicates or malformed amounts.
 */

/** Loads a snapshot into an empty state, rebuilding the trigger finders, indexes and state hash. */
export function restoreState(state: EngineState, snapshot: EngineSnapshot): void {
  if (snapshot.version !== 1)
    throw new Error(`engine-core: unknown snapshot version ${String(snapshot.version)}`);
  for (const row of snapshot.accounts) {
    if (state.accounts.has(row.accountId))
      throw new Error(`engine-core: duplicate account ${row.accountId}`);
    state.accounts.set(row.accountId, accountFromSnapshot(row));
  }
  for (const row of snapshot.openPositions) {
    const position = positionFromSnapshot(state, row);
    if (state.open.has(position.positionId))
      throw new Error(`engine-core: duplicate position ${position.positionId}`);
    const account = state.accounts.get(position.accountId);
    const market = state.markets.get(position.symbol);
    if (account === undefined || market === undefined)
      throw new Error("engine-core: checked by positionFromSnapshot");
    insertOpen(state, account, market, position);
  }
  for (const row of snapshot.orders ?? []) {
    if (row.status !== "open") continue;
    const order = orderFromSnapshot(state, row);
    if (state.orders.has(order.orderId))
      throw new Error(`engine-core: duplicate order ${order.orderId}`);
    const account = state.accounts.get(order.accountId);
    const market = state.markets.get(order.symbol);
    if (account === undefined || market === undefined)
      throw new Error("engine-core: checked by orderFromSnapshot");
    insertOrder(state, account, market, order);
  }

  for (const row of snapshot.alerts ?? []) {
    const alert = alertFromSnapshot(state, row);
    const market = state.markets.get(alert.symbol);
    if (market === undefined) throw new Error("engine-core: checked by alertFromSnapshot");
    armAlert(state, market, alert);
  }
  for (const account of state.accounts.values()) rehashAccount(state, account);
  for (const row of snapshot.quotes ?? []) {
    const market = state.markets.get(row.symbol);
    if (market !== undefined) market.quote = quoteFromSnapshot(row);
  }
}

function accountFromSnapshot(row: AccountSnapshot): AccountState {
  return {
    accountId: row.accountId,
    usd: parseUsd(row.usd),
    sol: parseQty(row.sol),
    deposits: parseUsd(row.deposits),
    withdrawals: parseUsd(row.withdrawals),
    realizedPnl: parseUsd(row.realizedPnl),
    createdAt: row.createdAt,
    hashHi: 0,
    hashLo: 0,
    open: new Map(),
    clientOrders: new Map(),
    orders: new Map(),
  };
}

function positionFromSnapshot(state: EngineState, row: PositionSnapshot): Position {
  const market = state.markets.get(row.symbol);
  if (market === undefined)
    throw new Error(`engine-core: unknown symbol ${row.symbol} in snapshot`);
  if (!state.accounts.has(row.accountId)) {
    throw new Error(
      `engine-core: position ${row.positionId} refers to unknown account ${row.accountId}`,
    );
  }
  return {
    positionId: row.positionId,
    accountId: row.accountId,
    symbol: row.symbol,
    asset: market.config.asset,
    side: row.side,
    margin: parseUsd(row.margin),
    leverage: row.leverage,
    entryPrice: parsePrice(row.entryPrice),
    quantity: parseQty(row.quantity),
    liquidationPrice: parsePrice(row.liquidationPrice),
    stopLoss: row.stopLoss === null ? null : parsePrice(row.stopLoss),
    takeProfit: row.takeProfit === null ? null : parsePrice(row.takeProfit),
    trailingStop:
      row.trailingStop === undefined || row.trailingStop === null
        ? null
        : { distance: parsePrice(row.trailingStop.distance), level: parsePrice(row.trailingStop.level) },
    openedAt: row.openedAt,
    clientOrderId: row.clientOrderId,
  };
}

function orderFromSnapshot(state: EngineState, row: OrderSnapshot): Order {
  const market = state.markets.get(row.symbol);
  if (market === undefined) throw new Error(`engine-core: unknown symbol ${row.symbol} in snapshot`);
  if (!state.accounts.has(row.accountId))
    throw new Error(`engine-core: order ${row.orderId} refers to unknown account ${row.accountId}`);
  return {
    orderId: row.orderId,
    accountId: row.accountId,
    symbol: row.symbol,
    asset: market.config.asset,
    side: row.side,
    orderType: row.orderType,
    price: parsePrice(row.price),
    margin: parseUsd(row.margin),
    leverage: row.leverage,
    stopLoss: row.stopLoss === null ? null : parsePrice(row.stopLoss),
    takeProfit: row.takeProfit === null ? null : parsePrice(row.takeProfit),
    expiresAt: row.expiresAt,
    clientOrderId: row.clientOrderId,
    status: "open",
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    positionId: null,
    reason: null,
  };
}

function alertFromSnapshot(state: EngineState, row: AlertSnapshot): Alert {
  if (!state.markets.has(row.symbol))
    throw new Error(`engine-core: unknown symbol ${row.symbol} in snapshot`);
  if (!state.accounts.has(row.accountId))
    throw new Error(`engine-core: alert ${row.alertId} refers to unknown account ${row.accountId}`);
  if (state.alerts.has(row.alertId)) throw new Error(`engine-core: duplicate alert ${row.alertId}`);
  if (row.condition !== "above" && row.condition !== "below")
    throw new Error(`engine-core: alert ${row.alertId} has condition ${String(row.condition)}`);
  return {
    alertId: row.alertId,
    accountId: row.accountId,
    symbol: row.symbol,
    condition: row.condition,
    price: parsePrice(row.price),
    createdAt: row.createdAt,
  };
}

function quoteFromSnapshot(row: QuoteSnapshot): Quote {
  return {
    symbol: row.symbol,
    bid: parsePrice(row.bid),
    ask: parsePrice(row.ask),
    price: parsePrice(row.price),
    timestamp: row.timestamp,
    receivedAt: row.receivedAt,
  };
}
