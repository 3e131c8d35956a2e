import type { Price } from "./money";
import type { RowHash } from "./state-hash";
import type { Position } from "./types";

/**
 * The engine's mutable bookkeeping around an open position: its trigger keys and its slots in
 * the trigger structures (−1 when absent), so removal on a manual close is O(log n).
 */
export interface OpenRecord {
  readonly position: Position;
  /**
   * Loss-side trigger: the stop loss when set (validation keeps it strictly between the entry and
   * the liquidation price), else the liquidation price. Long fires at bid ≤ key, short at ask ≥ key.
   */
  readonly lossKey: Price;
  /** Take profit, or null. Long fires at bid ≥ key, short at ask ≤ key. */
  readonly profitKey: Price | null;
  /** The position's row hash in the state hash (halves as int32), kept to subtract it on close. */
  readonly hashHi: number;
  readonly hashLo: number;
  lossSlot: number;
  profitSlot: number;
  scanSlot: number;
}

/** Builds the record of a newly opened (or restored) position. */
export function openRecordOf(position: Position, hash: Readonly<RowHash>): OpenRecord {
  return {
    position,
    lossKey: position.stopLoss ?? position.liquidationPrice,
    profitKey: position.takeProfit,
    hashHi: hash.hi,
    hashLo: hash.lo,
    lossSlot: -1,
    profitSlot: -1,
    scanSlot: -1,
  };
}

/** True when the quote crosses one of the record's triggers (the oracle both finders agree with). */
export function isTriggered(record: OpenRecord, bid: Price, ask: Price): boolean {
  if (record.position.side === "long") {
    return bid <= record.lossKey || (record.profitKey !== null && bid >= record.profitKey);
  }
  return ask >= record.lossKey || (record.profitKey !== null && ask <= record.profitKey);
}
