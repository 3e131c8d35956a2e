import { priceToNumber, qtyToNumber, usdToNumber } from "@repo/engine-core/money";
import type { Engine, Position } from "@repo/engine-core/engine";
import { orderSnapshotOf, type ClosedPositionSnapshot, type OrderSnapshot } from "@repo/engine-core/snapshot";
import type { TClosedPosition, TOrder, TPosition, TStateResponse } from "@repo/shared-types/api";
import { ZAsset, type TAsset } from "@repo/shared-types/market";

const ASSETS = new Set<string>(ZAsset.options);

/** A set lookup, not a zod parse: this runs once per position on every state read. */
function asset(text: string): TAsset {
  if (ASSETS.has(text)) return text as TAsset;
  return ZAsset.parse(text);
}

/** An open position as the API shows it, marked at the closing side of the latest quote. */
export function presentPosition(engine: Engine, p: Position): TPosition {
  const mark = engine.markPosition(p);
  return {
    positionId: p.positionId,
    asset: asset(p.asset),
    type: p.side,
    margin: usdToNumber(p.margin),
    leverage: p.leverage,
    entryPrice: priceToNumber(p.entryPrice),
    quantity: qtyToNumber(p.quantity),
    unrealizedPnL: usdToNumber(mark.unrealizedPnl),
    timestamp: p.openedAt,
    liquidationPrice: priceToNumber(p.liquidationPrice),
    stopLoss: p.stopLoss === null ? null : priceToNumber(p.stopLoss),
    takeProfit: p.takeProfit === null ? null : priceToNumber(p.takeProfit),
    currentPrice: priceToNumber(mark.currentPrice ?? p.entryPrice),
    clientOrderId: p.clientOrderId,
  };
}

/** Presentation only: exact decimal strings become the nearest JSON numbers. */
function num(decimal: string): number {
  return Number(decimal);
}

/** A closed position (from the engine or from history rows) as the API shows it. */
export function presentClosedPosition(p: ClosedPositionSnapshot, assetName: string): TClosedPosition {
  return {
    positionId: p.positionId,
    asset: asset(assetName),
    type: p.side,
    margin: num(p.margin),
    leverage: p.leverage,
    entryPrice: num(p.entryPrice),
    quantity: num(p.quantity),
    unrealizedPnL: 0,
    timestamp: p.openedAt,
    liquidationPrice: num(p.liquidationPrice),
    stopLoss: p.stopLoss === null ? null : num(p.stopLoss),
    takeProfit: p.takeProfit === null ? null : num(p.takeProfit),
    currentPrice: num(p.closePrice),
    clientOrderId: p.clientOrderId,
    closePrice: num(p.closePrice),
    realizedPnL: num(p.realizedPnl),
    closedAt: p.closedAt,
    closeReason: p.reason,
  };
}

/** An order (from the engine or from history rows) as the API shows it. */
export function presentOrder(o: OrderSnapshot, assetName: string): TOrder {
  return {
    orderId: o.orderId,
    asset: asset(assetName),
    type: o.side,
    orderType: o.orderType,
    price: num(o.price),
    margin: num(o.margin),
    leverage: o.leverage,
    stopLoss: o.stopLoss === null ? null : num(o.stopLoss),
    takeProfit: o.takeProfit === null ? null : num(o.takeProfit),
    expiresAt: o.expiresAt,
    clientOrderId: o.clientOrderId,
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    positionId: o.positionId,
    reason: o.reason,
  };
}

/** The `GET /api/v1/state` body (also the `account:state` socket payload). */
export function presentState(engine: Engine, accountId: string): TStateResponse | null {
  const account = engine.getAccount(accountId);
  const summary = engine.accountSummary(accountId);
  if (account === null || summary === null) return null;
  return {
    balances: { USD: usdToNumber(account.balances.USD), SOL: qtyToNumber(account.balances.SOL) },
    positions: engine.getOpenPositions(accountId).map((p) => presentPosition(engine, p)),
    orders: engine.getOpenOrders(accountId).map((o) => presentOrder(orderSnapshotOf(o), o.asset)),
    account: {
      balance: usdToNumber(summary.balance),
      equity: usdToNumber(summary.equity),
      usedMargin: usdToNumber(summary.usedMargin),
      orderMargin: usdToNumber(summary.orderMargin),
      freeMargin: usdToNumber(summary.freeMargin),
      marginLevel: summary.marginLevel === null ? null : num(summary.marginLevel),
    },
  };
}
