import type { Price } from "./money";
import type { OpenRecord } from "./open-record";

/**
 * Finds the open positions of one market whose stop loss, take profit or liquidation price a
 * quote crosses. Two implementations share one test suite: the price-ordered index (work
 * proportional to what triggers) and the naive full scan (the oracle and the bench baseline).
 */
export interface TriggerFinder {
  add(record: OpenRecord): void;
  remove(record: OpenRecord): void;
  /** Removes and returns every record `isTriggered` at (bid, ask), in no particular order. */
  take(bid: Price, ask: Price): OpenRecord[];
  /**
   * Removes and returns, from the trailing index only, every record whose trailing anchor the
   * quote beats (`isTrailed`); the caller moves their stops and hands each back to `update`.
   */
  takeTrailed(bid: Price, ask: Price): OpenRecord[];
  /** Re-files a record whose keys changed (stops edited, trailing moved, partial close) in place. */
  update(record: OpenRecord): void;
  readonly size: number;
}
