import type { AccountState, EngineState, MarketState } from "./engine-state";
import { usdFromCents, type Price, type Qty, type Usd } from "./money";
import { lossKeyOf, openRecordOf, trailAnchor, type OpenRecord } from "./open-record";
import { pnlAt } from "./position-math";
import { StateHashSum } from "./state-hash";
import type { AlertRecord } from "./alert-index";
import { accountRowHash, alertRowHash, openRowHash, orderRowHash } from "./state-rows";
import type { Alert, ClosedPosition, CloseReason, EngineEvent, Position } from "./types";

/*
 * The state transitions every command is built from. Each keeps the maintained state hash in
 * step with the rows it adds or removes, so `stateHash()` stays O(1).
 */

/** Adds an open position to its account, the global index, the trigger finder and the hash. */
export function insertOpen(
  state: EngineState,
  account: AccountState,
  market: MarketState,
  position: Position,
): void {
  const record = openRecordOf(position, openRowHash(position));
  state.hashSum.add(record.hashHi, record.hashLo);
  state.open.set(position.positionId, record);
  account.open.set(position.positionId, record);
  if (position.clientOrderId !== null)
    account.clientOrders.set(position.clientOrderId, position.positionId);
  market.finder.add(record);
}

/** Closes a record already removed from its finder: credits margin + capped PnL to the balance. */
export function settle(
  state: EngineState,
  account: AccountState,
  record: OpenRecord,
  price: Price,
  reason: CloseReason,
  at: number,
  events: EngineEvent[],
): ClosedPosition {
  const position = record.position;
  const realizedPnl = pnlAt(
    position.side,
    position.entryPrice,
    position.margin,
    position.quantity,
    price,
  );
  account.usd = usdFromCents(account.usd + position.margin + realizedPnl);
  account.realizedPnl = usdFromCents(account.realizedPnl + realizedPnl);
  account.open.delete(position.positionId);
  state.open.delete(position.positionId);
  state.hashSum.remove(record.hashHi, record.hashLo);
  if (position.clientOrderId !== null) account.clientOrders.delete(position.clientOrderId);
  const closed = closedPositionOf(position, price, realizedPnl, at, reason);
  events.push({ type: "positionClosed", position: closed, reason });
  return closed;
}

/**
 * Replaces an open position in place (stops edited, trailing stop moved, partly closed): its
 * row hash, its trigger keys and its place in the finder, without touching any other record.
 */
export function replaceOpen(
  state: EngineState,
  market: MarketState,
  record: OpenRecord,
  position: Position,
  events: EngineEvent[],
): void {
  state.hashSum.remove(record.hashHi, record.hashLo);
  const hash = openRowHash(position);
  record.hashHi = hash.hi;
  record.hashLo = hash.lo;
  state.hashSum.add(hash.hi, hash.lo);
  record.position = position;
  record.lossKey = lossKeyOf(position);
  record.profitKey = position.takeProfit;
  record.trailKey =
    position.trailingStop === null ? null : trailAnchor(position.side, position.trailingStop);
  market.finder.update(record);
  events.push({ type: "positionUpdated", position });
}

/**
 * Closes `quantity` (less than all) of an open position at `price`: the part takes `margin`,
 * which the caller rounded so the remainder keeps the rest exactly; the part's PnL (loss capped
 * at its margin) and its margin go back to the balance. The caller replaces the record with
 * what remains. Returns the closed part.
 */
export function settlePart(
  account: AccountState,
  record: OpenRecord,
  quantity: Qty,
  margin: Usd,
  price: Price,
  at: number,
  events: EngineEvent[],
): ClosedPosition {
  const p = record.position;
  const realizedPnl = pnlAt(p.side, p.entryPrice, margin, quantity, price);
  account.usd = usdFromCents(account.usd + margin + realizedPnl);
  account.realizedPnl = usdFromCents(account.realizedPnl + realizedPnl);
  const part: Position = { ...p, margin, quantity };
  const closed = closedPositionOf(part, price, realizedPnl, at, "manual");
  events.push({ type: "positionClosed", position: closed, reason: "manual" });
  return closed;
}

/** Arms an alert: its market's index, the id map and the hash. */
export function armAlert(state: EngineState, market: MarketState, alert: Alert): void {
  const record: AlertRecord = { alert, heapSlot: -1 };
  state.alerts.set(alert.alertId, record);
  market.alerts.add(record);
  const hash = alertRowHash(alert);
  state.hashSum.add(hash.hi, hash.lo);
}

/** Disarms an alert already taken out of its market's index (fired) or about to be (removed). */
export function disarmAlert(state: EngineState, record: AlertRecord): void {
  state.alerts.delete(record.alert.alertId);
  const hash = alertRowHash(record.alert);
  state.hashSum.remove(hash.hi, hash.lo);
}

/** Replaces an account's row hash in the state hash after its ledger fields changed. */
export function rehashAccount(state: EngineState, account: AccountState): void {
  state.hashSum.remove(account.hashHi, account.hashLo);
  const hash = accountRowHash(account);
  account.hashHi = hash.hi;
  account.hashLo = hash.lo;
  state.hashSum.add(hash.hi, hash.lo);
}

/** The state hash recomputed from every row, O(state): the check that the maintained one is right. */
export function recomputeStateHash(state: EngineState): string {
  const sum = new StateHashSum();
  for (const account of state.accounts.values()) {
    const hash = accountRowHash(account);
    sum.add(hash.hi, hash.lo);
  }
  for (const record of state.open.values()) {
    const hash = openRowHash(record.position);
    sum.add(hash.hi, hash.lo);
  }
  for (const record of state.orders.values()) {
    const hash = orderRowHash(record.order);
    sum.add(hash.hi, hash.lo);
  }
  for (const record of state.alerts.values()) {
    const hash = alertRowHash(record.alert);
    sum.add(hash.hi, hash.lo);
  }
  return sum.digest();
}

/**
 * Builds the closed record field by field: an object spread of the position here cost more than
 * the rest of a close together (V8's generic clone path) and left a differently shaped object.
 */
export function closedPositionOf(
  p: Position,
  closePrice: Price,
  realizedPnl: Usd,
  closedAt: number,
  reason: CloseReason,
): ClosedPosition {
  return {
    positionId: p.positionId,
    accountId: p.accountId,
    symbol: p.symbol,
    asset: p.asset,
    side: p.side,
    margin: p.margin,
    leverage: p.leverage,
    entryPrice: p.entryPrice,
    quantity: p.quantity,
    liquidationPrice: p.liquidationPrice,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    trailingStop: p.trailingStop,
    openedAt: p.openedAt,
    clientOrderId: p.clientOrderId,
    closePrice,
    realizedPnl,
    closedAt,
    reason,
  };
}
