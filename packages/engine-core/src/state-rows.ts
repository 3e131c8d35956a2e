import type { Price, Qty, Usd } from "./money";
import { rowHash, type RowHash } from "./state-hash";
import type { Position } from "./types";

/*
 * The canonical rows the state hash covers, one per entity: every account and every open
 * position — exactly what a snapshot restores, quotes excluded (market data, not ledger state).
 * Each row starts with its kind ("A", "O"; "C" was the closed rows of legacy-state-hash.ts) so
 * rows of different kinds cannot collide, and lists every field, amounts as exact integer units.
 */

/** The ledger fields of an account that the hash covers. */
export interface AccountRowFields {
  readonly accountId: string;
  readonly usd: Usd;
  readonly sol: Qty;
  readonly deposits: Usd;
  readonly realizedPnl: Usd;
  readonly createdAt: number;
}

/** The fields of a position row, shared with the legacy closed row. */
export function positionFields(p: Position): string {
  return `${p.positionId}|${p.accountId}|${p.symbol}|${p.side}|${p.margin}|${p.leverage}|${p.entryPrice}|${p.quantity}|${p.liquidationPrice}|${priceOrDash(p.stopLoss)}|${priceOrDash(p.takeProfit)}|${p.openedAt}|${p.clientOrderId ?? "-"}`;
}

function priceOrDash(price: Price | null): string {
  return price === null ? "-" : price.toString();
}

export function accountRowHash(a: AccountRowFields): RowHash {
  return rowHash(
    `A|${a.accountId}|${a.usd}|${a.sol}|${a.deposits}|${a.realizedPnl}|${a.createdAt}`,
  );
}

export function openRowHash(p: Position): RowHash {
  return rowHash(`O|${positionFields(p)}`);
}
