/**
 * The database refused a write the engine already made (infrastructure, not a business
 * rejection): nothing of the command was acknowledged and the process must restart.
 */
export class LedgerWriteError extends Error {
  override readonly name = "LedgerWriteError";
  readonly code = "LEDGER_WRITE_FAILED";
  /** Retrying cannot help: the engine and the database disagree until a restore. */
  readonly retriable = false;

  constructor(cause: unknown) {
    super("the order could not be stored", { cause });
  }
}
