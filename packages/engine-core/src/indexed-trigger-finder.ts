import type { Price } from "./money";
import type { OpenRecord } from "./open-record";
import { RecordHeap } from "./record-heap";
import type { TriggerFinder } from "./trigger-finder";

const lossKey = (r: OpenRecord): bigint => r.lossKey;
const profitKey = (r: OpenRecord): bigint => r.profitKey ?? 0n;
const trailKey = (r: OpenRecord): bigint => r.trailKey ?? 0n;

/**
 * Four heaps per market, ordered by trigger price, so a tick only looks at the top of each heap
 * and then at exactly the records it closes: O(1) when nothing triggers, O(k log n) for k closes.
 * - long loss (liquidation or SL): max-heap, fires while top ≥ bid;
 * - long take profit: min-heap, fires while top ≤ bid;
 * - short loss: min-heap, fires while top ≤ ask;
 * - short take profit: max-heap, fires while top ≥ ask.
 * Two more hold the trailing stops by anchor (the best price each has followed), so a tick
 * touches exactly the trailing stops it moves: O(1) when none moves, O(k log n) for k moves.
 * - long trailing: min-heap, moves while top < bid;
 * - short trailing: max-heap, moves while top > ask.
 */
export class IndexedTriggerFinder implements TriggerFinder {
  private readonly longLoss = new RecordHeap("lossSlot", lossKey, true);
  private readonly longProfit = new RecordHeap("profitSlot", profitKey, false);
  private readonly shortLoss = new RecordHeap("lossSlot", lossKey, false);
  private readonly shortProfit = new RecordHeap("profitSlot", profitKey, true);
  private readonly longTrail = new RecordHeap("trailSlot", trailKey, false);
  private readonly shortTrail = new RecordHeap("trailSlot", trailKey, true);

  get size(): number {
    return this.longLoss.size + this.shortLoss.size;
  }

  add(record: OpenRecord): void {
    const long = record.position.side === "long";
    (long ? this.longLoss : this.shortLoss).push(record);
    if (record.profitKey !== null) (long ? this.longProfit : this.shortProfit).push(record);
    if (record.trailKey !== null) (long ? this.longTrail : this.shortTrail).push(record);
  }

  remove(record: OpenRecord): void {
    const long = record.position.side === "long";
    (long ? this.longLoss : this.shortLoss).remove(record);
    (long ? this.longProfit : this.shortProfit).remove(record);
    (long ? this.longTrail : this.shortTrail).remove(record);
  }

  update(record: OpenRecord): void {
    const long = record.position.side === "long";
    (long ? this.longLoss : this.shortLoss).update(record);
    const profit = long ? this.longProfit : this.shortProfit;
    if (record.profitKey === null) profit.remove(record);
    else profit.update(record);
    const trail = long ? this.longTrail : this.shortTrail;
    if (record.trailKey === null) trail.remove(record);
    else trail.update(record);
  }

  takeTrailed(bid: Price, ask: Price): OpenRecord[] {
    const taken: OpenRecord[] = [];
    for (
      let top = this.longTrail.peek();
      top !== undefined && trailKey(top) < bid;
      top = this.longTrail.peek()
    ) {
      this.longTrail.pop();
      taken.push(top);
    }
    for (
      let top = this.shortTrail.peek();
      top !== undefined && trailKey(top) > ask;
      top = this.shortTrail.peek()
    ) {
      this.shortTrail.pop();
      taken.push(top);
    }
    return taken;
  }

  take(bid: Price, ask: Price): OpenRecord[] {
    const taken: OpenRecord[] = [];
    for (
      let top = this.longLoss.peek();
      top !== undefined && top.lossKey >= bid;
      top = this.longLoss.peek()
    ) {
      this.longLoss.pop();
      this.longProfit.remove(top);
      this.longTrail.remove(top);
      taken.push(top);
    }
    for (
      let top = this.longProfit.peek();
      top !== undefined && profitKey(top) <= bid;
      top = this.longProfit.peek()
    ) {
      this.longProfit.pop();
      this.longLoss.remove(top);
      this.longTrail.remove(top);
      taken.push(top);
    }
    for (
      let top = this.shortLoss.peek();
      top !== undefined && top.lossKey <= ask;
      top = this.shortLoss.peek()
    ) {
      this.shortLoss.pop();
      this.shortProfit.remove(top);
      this.shortTrail.remove(top);
      taken.push(top);
    }
    for (
      let top = this.shortProfit.peek();
      top !== undefined && profitKey(top) >= ask;
      top = this.shortProfit.peek()
    ) {
      this.shortProfit.pop();
      this.shortLoss.remove(top);
      this.shortTrail.remove(top);
      taken.push(top);
    }
    return taken;
  }
}
