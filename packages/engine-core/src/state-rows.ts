import type { Price, Qty, Usd } from "./money";
import { rowHash, type RowHash } from "./state-hash";
import type { Alert, Order, Position } from "./types";

/*
 * The canonical rows the state hash covers, one per entity: every account, every open position,
 * every open order and every armed alert — exactly what a snapshot restores, quotes excluded
 * (market data, not ledger state). Each row starts with its kind ("A", "O", "R" for a resting
 * order, "L" for an alert; "C" was the closed rows of legacy-state-hash.ts) so rows of different
 * kinds cannot collide, and lists every field, amounts as exact integer units.
 */

/** The ledger fields of an account that the hash covers. */
export interface AccountRowFields {
  readonly accountId: string;
  readonly usd: Usd;
  readonly sol: Qty;
  readonly deposits: Usd;
  readonly withdrawals: Usd;
  readonly realizedPnl: Usd;
  readonly createdAt: number;
}

/** The fields of a position row, shared with the legacy closed row. */
export function positionFields(p: Position): string {
  // The trailing stop is appended only when set, so rows written before trailing stops existed
  // hash as they did (a stored state hash stays provable across the upgrade).
  const trailing = p.trailingStop === null ? "" : `|T${p.trailingStop.distance}|${p.trailingStop.level}`;
  return `${p.positionId}|${p.accountId}|${p.symbol}|${p.side}|${p.margin}|${p.leverage}|${p.entryPrice}|${p.quantity}|${p.liquidationPrice}|${priceOrDash(p.stopLoss)}|${priceOrDash(p.takeProfit)}|${p.openedAt}|${p.clientOrderId ?? "-"}${trailing}`;
}

function priceOrDash(price: Price | null): string {
  return price === null ? "-" : price.toString();
}

export function accountRowHash(a: AccountRowFields): RowHash {
  // Withdrawals join the row only once there are some, so the hashes stored before they existed
  // (every database written before resets) still match the state restored from it.
  const withdrawals = a.withdrawals === 0n ? "" : `|W${a.withdrawals}`;
  return rowHash(
    `A|${a.accountId}|${a.usd}|${a.sol}|${a.deposits}|${a.realizedPnl}|${a.createdAt}${withdrawals}`,
  );
}

export function alertRowHash(a: Alert): RowHash {
  return rowHash(
    `L|${a.alertId}|${a.accountId}|${a.symbol}|${a.condition}|${a.price}|${a.createdAt}`,
  );
}

export function openRowHash(p: Position): RowHash {
  return rowHash(`O|${positionFields(p)}`);
}

export function orderRowHash(o: Order): RowHash {
  return rowHash(
    `R|${o.orderId}|${o.accountId}|${o.symbol}|${o.side}|${o.orderType}|${o.price}|${o.margin}|${o.leverage}|${priceOrDash(o.stopLoss)}|${priceOrDash(o.takeProfit)}|${o.expiresAt ?? "-"}|${o.clientOrderId ?? "-"}|${o.createdAt}|${o.updatedAt}`,
  );
}
