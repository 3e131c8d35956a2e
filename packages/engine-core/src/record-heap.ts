import type { OpenRecord } from "./open-record";

type Slot = "lossSlot" | "profitSlot" | "trailSlot";
type KeyOf = (record: OpenRecord) => bigint;

/**
 * An indexed binary heap of open records: each record stores its array position in `slot`, so
 * removing an arbitrary record (a manual close) is O(log n) without lazy-deletion garbage.
 * `max` = true keeps the highest key on top.
 */
export class RecordHeap {
  private readonly items: OpenRecord[] = [];

  constructor(
    private readonly slot: Slot,
    private readonly keyOf: KeyOf,
    private readonly max: boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** The top record (highest key for a max-heap, lowest for a min-heap), or undefined. */
  peek(): OpenRecord | undefined {
    return this.items[0];
  }

  push(record: OpenRecord): void {
    const index = this.items.length;
    this.items.push(record);
    record[this.slot] = index;
    this.siftUp(index);
  }

  /** Removes and returns the top record. */
  pop(): OpenRecord | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Removes a record that is in this heap (its slot ≥ 0); a no-op otherwise. */
  remove(record: OpenRecord): void {
    const index = record[this.slot];
    if (index < 0 || this.items[index] !== record) return;
    this.removeAt(index);
  }

  /** Re-sifts a record whose key changed, where it is (O(log n)); pushes it when absent. */
  update(record: OpenRecord): void {
    const index = record[this.slot];
    if (index < 0 || this.items[index] !== record) {
      this.push(record);
      return;
    }
    if (!this.siftUp(index)) this.siftDown(index);
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index];
    const last = items.pop();
    if (removed !== undefined) removed[this.slot] = -1;
    if (last === undefined || index === items.length) return;
    items[index] = last;
    last[this.slot] = index;
    if (!this.siftUp(index)) this.siftDown(index);
  }

  /** True when `a` belongs above `b`. */
  private above(a: OpenRecord, b: OpenRecord): boolean {
    return this.max ? this.keyOf(a) > this.keyOf(b) : this.keyOf(a) < this.keyOf(b);
  }

  private siftUp(start: number): boolean {
    const items = this.items;
    const record = items[start];
    if (record === undefined) return false;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex];
      if (parent === undefined || !this.above(record, parent)) break;
      items[index] = parent;
      parent[this.slot] = index;
      index = parentIndex;
    }
    items[index] = record;
    record[this.slot] = index;
    return index !== start;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const record = items[start];
    if (record === undefined) return;
    const length = items.length;
    let index = start;
    for (;;) {
      const leftIndex = 2 * index + 1;
      if (leftIndex >= length) break;
      let childIndex = leftIndex;
      let child = items[leftIndex];
      const right = items[leftIndex + 1];
      if (right !== undefined && child !== undefined && this.above(right, child)) {
        childIndex = leftIndex + 1;
        child = right;
      }
      if (child === undefined || !this.above(child, record)) break;
      items[index] = child;
      child[this.slot] = index;
      index = childIndex;
    }
    items[index] = record;
    record[this.slot] = index;
  }
}
