import type { LedgerStore } from "../ports";
import { LedgerWriteError } from "./ledger-write-error";

interface Pending {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every engine command's durable write joins the batch of its event-loop turn,
 * and the whole batch is written in ONE ledger transaction (one fsync) on `setImmediate`, i.e.
 * after the poll phase has handed over every request that arrived together. Each caller's
 * promise settles only after that commit, so nothing is acknowledged before it is on disk.
 * Writes run in submission order, which is the order the engine executed the commands in, so
 * the state hash the last write stores is the engine's hash at the commit.
 *
 * When the commit fails, every write of the batch is rejected with `LedgerWriteError` (→ 503)
 * and `onFatal` is told: the engine holds a state the database does not, and only a restore
 * from the database makes them agree again.
 */
export class GroupCommit {
  private batch: Pending[] = [];
  private scheduled = false;
  private readonly flush = (): void => {
    this.commit();
  };

  constructor(
    private readonly ledger: Pick<LedgerStore, "transaction">,
    private readonly onFatal: (error: unknown) => void,
  ) {}

  /** Queues a write of the current turn's batch; resolves once its transaction committed. */
  submit(write: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ write, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /**
   * Resolves once every write submitted so far is on disk (rejects as they were): what a reader
   * of the database awaits before trusting that it reflects the engine.
   */
  settled(): Promise<void> {
    return this.batch.length === 0 ? Promise.resolve() : this.submit(() => undefined);
  }

  /**
   * Commits the pending batch with `write` at once, in this call, and throws LedgerWriteError if
   * that failed: for writes that must be on disk before the caller goes on (a sign-up whose
   * unique email was just checked; the closes a quote triggered, announced right after).
   */
  commitNow(write: () => void): void {
    // The caller learns the outcome from the throw below, not from the promise.
    this.submit(write).catch(() => undefined);
    const failure = this.commit();
    if (failure !== null) throw failure;
  }

  /** Writes the batch; the error every write of it was rejected with when the transaction failed. */
  private commit(): LedgerWriteError | null {
    if (this.batch.length === 0) return null;
    const batch = this.batch;
    this.batch = [];
    this.scheduled = false;
    try {
      this.ledger.transaction(() => {
        for (const pending of batch) pending.write();
      });
    } catch (error) {
      this.onFatal(error);
      const failure = new LedgerWriteError(error);
      for (const pending of batch) pending.reject(failure);
      return failure;
    }
    for (const pending of batch) pending.resolve();
    return null;
  }
}
