import type { Price } from "./money";
import { RecordHeap } from "./record-heap";
import type { Alert } from "./types";

/** An armed alert with its slot in its market's heap (−1 when absent), for O(log n) removal. */
export interface AlertRecord {
  readonly alert: Alert;
  heapSlot: number;
}

const priceKey = (record: AlertRecord): bigint => record.alert.price;

/**
 * The armed alerts of one market, in two price-ordered heaps like the trigger index, so a tick
 * looks at two heap tops and then only at the alerts it fires: a tick with 100k armed alerts
 * costs what a tick with none costs.
 * - above: min-heap, fires while top ≤ ask;
 * - below: max-heap, fires while top ≥ bid.
 */
export class AlertIndex {
  private readonly above = new RecordHeap("heapSlot", priceKey, false);
  private readonly below = new RecordHeap("heapSlot", priceKey, true);

  get size(): number {
    return this.above.size + this.below.size;
  }

  add(record: AlertRecord): void {
    (record.alert.condition === "above" ? this.above : this.below).push(record);
  }

  remove(record: AlertRecord): void {
    (record.alert.condition === "above" ? this.above : this.below).remove(record);
  }

  /** Removes and returns every alert the quote meets, in no particular order. */
  take(bid: Price, ask: Price): AlertRecord[] {
    const taken: AlertRecord[] = [];
    for (
      let top = this.above.peek();
      top !== undefined && top.alert.price <= ask;
      top = this.above.peek()
    ) {
      this.above.pop();
      taken.push(top);
    }
    for (
      let top = this.below.peek();
      top !== undefined && top.alert.price >= bid;
      top = this.below.peek()
    ) {
      this.below.pop();
      taken.push(top);
    }
    return taken;
  }
}
