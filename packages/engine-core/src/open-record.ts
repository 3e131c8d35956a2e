import { priceFromUnits, type Price } from "./money";
import type { RowHash } from "./state-hash";
import type { Position, TrailingStop } from "./types";

/**
 * The engine's mutable bookkeeping around an open position: its trigger keys and its slots in
 * the trigger structures (−1 when absent), so removal on a manual close is O(log n). A change
 * of the position (stops edited, trailing stop moved, partial close) replaces `position` and
 * its keys in place (ledger.ts `replaceOpen`), and the finder re-sifts the record where it is.
 */
export interface OpenRecord {
  position: Position;
  /**
   * Loss-side trigger: the nearer of the stop loss and the trailing stop level when either is
   * set (validation keeps both strictly between the closing price and the liquidation price),
   * else the liquidation price. Long fires at bid ≤ key, short at ask ≥ key.
   */
  lossKey: Price;
  /** Take profit, or null. Long fires at bid ≥ key, short at ask ≤ key. */
  profitKey: Price | null;
  /**
   * The trailing stop's anchor (the best closing price seen: level + distance for a long,
   * level − distance for a short), or null without one. A long moves when bid > anchor, a short
   * when ask < anchor.
   */
  trailKey: Price | null;
  /** The position's row hash in the state hash (halves as int32), kept to subtract it on close. */
  hashHi: number;
  hashLo: number;
  lossSlot: number;
  profitSlot: number;
  trailSlot: number;
  scanSlot: number;
}

/** The trailing stop's anchor: the best closing price it has followed. */
export function trailAnchor(side: Position["side"], trailing: TrailingStop): Price {
  return priceFromUnits(
    side === "long" ? trailing.level + trailing.distance : trailing.level - trailing.distance,
  );
}

/** The loss-side trigger of a position (see OpenRecord.lossKey). */
export function lossKeyOf(position: Position): Price {
  const { stopLoss, trailingStop } = position;
  const trail = trailingStop?.level ?? null;
  if (stopLoss === null) return trail ?? position.liquidationPrice;
  if (trail === null) return stopLoss;
  if (position.side === "long") return stopLoss > trail ? stopLoss : trail;
  return stopLoss < trail ? stopLoss : trail;
}

/** Builds the record of a newly opened (or restored) position. */
export function openRecordOf(position: Position, hash: Readonly<RowHash>): OpenRecord {
  return {
    position,
    lossKey: lossKeyOf(position),
    profitKey: position.takeProfit,
    trailKey:
      position.trailingStop === null ? null : trailAnchor(position.side, position.trailingStop),
    hashHi: hash.hi,
    hashLo: hash.lo,
    lossSlot: -1,
    profitSlot: -1,
    trailSlot: -1,
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

/** True when the quote beats the record's trailing anchor, so its trailing stop moves. */
export function isTrailed(record: OpenRecord, bid: Price, ask: Price): boolean {
  if (record.trailKey === null) return false;
  return record.position.side === "long" ? bid > record.trailKey : ask < record.trailKey;
}

/** Canonical order of records (opened at, then position id), so every path closes alike. */
export function byOpenOrder(a: OpenRecord, b: OpenRecord): number {
  const pa = a.position;
  const pb = b.position;
  if (pa.openedAt !== pb.openedAt) return pa.openedAt - pb.openedAt;
  return pa.positionId < pb.positionId ? -1 : pa.positionId > pb.positionId ? 1 : 0;
}
