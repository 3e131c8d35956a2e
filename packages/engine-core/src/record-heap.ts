/**
 * An indexed binary heap of records (open positions, pending orders): each record stores its
 * array position in its `slot` field, so removing an arbitrary record (a manual close, a cancel)
 * is O(log n) without lazy-deletion garbage. `max` = true keeps the highest key on top.
 */
export class RecordHeap<S extends string, T extends Record<S, number>, K extends bigint | number = bigint> {
  private readonly items: T[] = [];

  constructor(
    private readonly slot: S,
    private readonly keyOf: (record: T) => K,
    private readonly max: boolean,
  ) {}

  private setSlot(record: T, index: number): void {
    (record as Record<S, number>)[this.slot] = index;
  }

  get size(): number {
    return this.items.length;
  }

  /** The top record (highest key for a max-heap, lowest for a min-heap), or undefined. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(record: T): void {
    const index = this.items.length;
    this.items.push(record);
    this.setSlot(record, index);
    this.siftUp(index);
  }

  /** Removes and returns the top record. */
  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Removes a record that is in this heap (its slot ≥ 0); a no-op otherwise. */
  remove(record: T): void {
    const index = record[this.slot];
    if (index < 0 || this.items[index] !== record) return;
    this.removeAt(index);
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index];
    const last = items.pop();
    if (removed !== undefined) this.setSlot(removed, -1);
    if (last === undefined || index === items.length) return;
    items[index] = last;
    this.setSlot(last, index);
    if (!this.siftUp(index)) this.siftDown(index);
  }

  /** True when `a` belongs above `b`. */
  private above(a: T, b: T): boolean {
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
      this.setSlot(parent, index);
      index = parentIndex;
    }
    items[index] = record;
    this.setSlot(record, index);
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
      this.setSlot(child, index);
      index = childIndex;
    }
    items[index] = record;
    this.setSlot(record, index);
  }
}
