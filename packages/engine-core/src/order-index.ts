import type { Price } from "./money";
import type { OrderRecord } from "./order-record";
import { RecordHeap } from "./record-heap";

const priceKey = (r: OrderRecord): bigint => r.order.price;
const expiryKey = (r: OrderRecord): number => r.order.expiresAt ?? Number.MAX_SAFE_INTEGER;

/**
 * A market's open orders in four heaps ordered by trigger price, like the liquidation index: a
 * tick looks at the top of each heap and then only at the orders it fills, so it costs O(1) when
 * nothing triggers and O(k log n) for k fills, however many orders rest.
 * - long limit (ask ≤ price): max-heap, fires while top ≥ ask;
 * - long stop (ask ≥ price): min-heap, fires while top ≤ ask;
 * - short limit (bid ≥ price): min-heap, fires while top ≤ bid;
 * - short stop (bid ≤ price): max-heap, fires while top ≥ bid.
 */
export class OrderIndex {
  private readonly longLimit = new RecordHeap("triggerSlot", priceKey, true);
  private readonly longStop = new RecordHeap("triggerSlot", priceKey, false);
  private readonly shortLimit = new RecordHeap("triggerSlot", priceKey, false);
  private readonly shortStop = new RecordHeap("triggerSlot", priceKey, true);

  get size(): number {
    return this.longLimit.size + this.longStop.size + this.shortLimit.size + this.shortStop.size;
  }

  add(record: OrderRecord): void {
    this.heapOf(record).push(record);
  }

  /** A no-op for a record not in the index (taken by a tick already). */
  remove(record: OrderRecord): void {
    this.heapOf(record).remove(record);
  }

  /** Removes and returns every order the quote triggers, in no particular order. */
  take(bid: Price, ask: Price): OrderRecord[] {
    const taken: OrderRecord[] = [];
    drain(this.longLimit, (price) => price >= ask, taken);
    drain(this.longStop, (price) => price <= ask, taken);
    drain(this.shortLimit, (price) => price <= bid, taken);
    drain(this.shortStop, (price) => price >= bid, taken);
    return taken;
  }

  private heapOf(record: OrderRecord): RecordHeap<"triggerSlot", OrderRecord> {
    const { side, orderType } = record.order;
    if (side === "long") return orderType === "limit" ? this.longLimit : this.longStop;
    return orderType === "limit" ? this.shortLimit : this.shortStop;
  }
}

function drain(
  heap: RecordHeap<"triggerSlot", OrderRecord>,
  fires: (price: Price) => boolean,
  into: OrderRecord[],
): void {
  for (let top = heap.peek(); top !== undefined && fires(top.order.price); top = heap.peek()) {
    heap.pop();
    into.push(top);
  }
}

/** Every open order with an expiry, earliest first (one heap for all markets: the clock is global). */
export function createExpiryHeap(): RecordHeap<"expirySlot", OrderRecord, number> {
  return new RecordHeap("expirySlot", expiryKey, false);
}
