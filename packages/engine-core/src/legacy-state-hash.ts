import { parsePrice, parseQty, parseUsd } from "./money";
import type { ClosedPositionSnapshot } from "./snapshot";
import { rowHash, StateHashSum } from "./state-hash";
import { positionFields } from "./state-rows";
import type { ClosedPosition } from "./types";

/*
 * Until closed positions left the engine's memory, the state hash also summed one "C" row per
 * closed position with a clientOrderId. A database last written by such an engine stores that
 * hash; this recomputes it, so the first boot after the upgrade can still prove its restore.
 */

function closedRowHash(c: ClosedPosition): { hi: number; lo: number } {
  return rowHash(
    `C|${positionFields(c)}|${c.closePrice}|${c.realizedPnl}|${c.closedAt}|${c.reason}`,
  );
}

function closedFromRow(row: ClosedPositionSnapshot): ClosedPosition {
  return {
    positionId: row.positionId,
    accountId: row.accountId,
    symbol: row.symbol,
    // Not part of the row hash.
    asset: "",
    side: row.side,
    margin: parseUsd(row.margin),
    leverage: row.leverage,
    entryPrice: parsePrice(row.entryPrice),
    quantity: parseQty(row.quantity),
    liquidationPrice: parsePrice(row.liquidationPrice),
    stopLoss: row.stopLoss === null ? null : parsePrice(row.stopLoss),
    takeProfit: row.takeProfit === null ? null : parsePrice(row.takeProfit),
    // Legacy engines had no trailing stops (and a set one would not hash as they did).
    trailingStop: null,
    openedAt: row.openedAt,
    clientOrderId: row.clientOrderId,
    closePrice: parsePrice(row.closePrice),
    realizedPnl: parseUsd(row.realizedPnl),
    closedAt: row.closedAt,
    reason: row.reason,
  };
}

/**
 * The legacy state hash of an engine whose current stateHash() is `currentHash`, given the closed
 * positions (with a clientOrderId) the legacy engine retained. Throws on malformed amounts.
 */
export function legacyStateHash(
  currentHash: string,
  retainedClosed: readonly ClosedPositionSnapshot[],
): string {
  const sum = StateHashSum.fromDigest(currentHash);
  for (const row of retainedClosed) {
    if (row.clientOrderId === null) continue;
    const hash = closedRowHash(closedFromRow(row));
    sum.add(hash.hi, hash.lo);
  }
  return sum.digest();
}
