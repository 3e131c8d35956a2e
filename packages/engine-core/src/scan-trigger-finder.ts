import type { Price } from "./money";
import { isTrailed, isTriggered, type OpenRecord } from "./open-record";
import type { TriggerFinder } from "./trigger-finder";

/** The naive finder: checks every open position of the market on every tick (oracle and bench baseline). */
export class ScanTriggerFinder implements TriggerFinder {
  private readonly records: OpenRecord[] = [];

  get size(): number {
    return this.records.length;
  }

  add(record: OpenRecord): void {
    record.scanSlot = this.records.length;
    this.records.push(record);
  }

  remove(record: OpenRecord): void {
    const index = record.scanSlot;
    if (index < 0 || this.records[index] !== record) return;
    const last = this.records.pop();
    if (last !== undefined && last !== record) {
      this.records[index] = last;
      last.scanSlot = index;
    }
    record.scanSlot = -1;
  }

  /** The scan reads the keys from the record on every tick: nothing to re-file. */
  update(): void {}

  takeTrailed(bid: Price, ask: Price): OpenRecord[] {
    return this.records.filter((record) => isTrailed(record, bid, ask));
  }

  take(bid: Price, ask: Price): OpenRecord[] {
    const taken: OpenRecord[] = [];
    for (const record of this.records) {
      if (isTriggered(record, bid, ask)) taken.push(record);
    }
    for (const record of taken) this.remove(record);
    return taken;
  }
}
