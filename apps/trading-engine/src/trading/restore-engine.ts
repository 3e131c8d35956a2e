import { createEngine, restoreEngine, type Engine } from "@repo/engine-core/engine";
import type { EngineConfig } from "@repo/engine-core/engine";
import { legacyStateHash } from "@repo/engine-core/legacy-state-hash";
import { parseUsd } from "@repo/engine-core/money";
import { MARKETS, MAX_LEVERAGE } from "@repo/shared-types/market";
import type { LedgerStore } from "../ports";

/** The engine configuration of this venue (architecture.md §4). */
export function engineConfig(
  priceStaleMs: number,
  prices: { maxClockSkewMs?: number; priceBandBp?: number } = {},
): EngineConfig {
  return {
    markets: MARKETS.map((m) => ({ symbol: m.symbol, asset: m.asset, maxLeverage: MAX_LEVERAGE })),
    initialDepositUsd: parseUsd("10000"),
    priceStaleMs,
    ...prices,
  };
}

/** Thrown when the database rows do not rebuild the state that was last committed. */
export class StateHashMismatchError extends Error {
  override readonly name = "StateHashMismatchError";
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `restored engine state hash ${actual} differs from the hash ${expected} stored with the last transaction: ` +
        "the database is inconsistent; refusing to start (restore a backup or investigate the data directory)",
    );
  }
}

/** Thrown when the database holds ledger rows but no state hash to prove them against. */
export class MissingStateHashError extends Error {
  override readonly name = "MissingStateHashError";
  constructor(accounts: number, positions: number) {
    super(
      `the database holds ${accounts} accounts and ${positions} positions but no state_hash row: ` +
        "it cannot be proven consistent; refusing to start (restore a backup or investigate the data directory)",
    );
  }
}

/**
 * Rebuilds the engine from the database and proves it: the state hash of the restored engine
 * must equal the hash written in the same transaction as the last ledger change.
 */
export function restoreEngineFromStore(store: LedgerStore, config: EngineConfig): Engine {
  const expected = store.lastStateHash();
  const snapshot = store.loadSnapshot();
  if (expected === null) {
    // Starting empty over a populated database would silently drop every account (and a later
    // write would then overwrite the hash as if they never existed). Users and closed positions
    // cannot exist without an account row (same transaction, foreign keys).
    const positions = snapshot.openPositions.length;
    if (snapshot.accounts.length > 0 || positions > 0) throw new MissingStateHashError(snapshot.accounts.length, positions);
    return createEngine(config);
  }
  const engine = restoreEngine(config, snapshot);
  const actual = engine.stateHash();
  // A database last written before closed positions left the engine stores the legacy hash (it
  // also covered closed positions with a clientOrderId); the next write stores today's.
  if (actual !== expected && legacyStateHash(actual, store.closedWithClientOrderId()) !== expected) {
    throw new StateHashMismatchError(expected, actual);
  }
  return engine;
}
