import type { Price } from "./money";
import type { EngineSnapshot } from "./snapshot";
import type {
  Account,
  AccountSummary,
  ClosedPosition,
  EngineCommand,
  EngineConfig,
  ExecuteOutput,
  Position,
  PositionMark,
  Quote,
} from "./types";

export type * from "./types";
export type { EngineSnapshot } from "./snapshot";

/** Which trigger finder a tick uses: the per-market price-ordered index, or the naive scan (oracle/bench). */
export type TriggerIndexKind = "indexed" | "scan";

export interface EngineOptions {
  triggerIndex?: TriggerIndexKind;
}

/** The trading core: commands in, results and events out; queries read the current state. */
export interface Engine {
  execute<C extends EngineCommand>(command: C): ExecuteOutput<C>;
  getAccount(accountId: string): Account | null;
  getOpenPositions(accountId: string): Position[];
  /** An open position, or a closed one kept for clientOrderId replay; null otherwise. */
  getPosition(positionId: string): Position | ClosedPosition | null;
  accountSummary(accountId: string): AccountSummary | null;
  markPosition(position: Position): PositionMark;
  getQuote(symbol: string): Quote | null;
  /** True when the symbol has no quote or its quote is older than priceStaleMs at `at`. */
  isStale(symbol: string, at: number): boolean;
  openPositionCount(): number;
  snapshot(): EngineSnapshot;
  /** FNV-1a 64 (hex) over a canonical serialisation of accounts and positions (not quotes). */
  stateHash(): string;
}

/** Builds an empty engine (no accounts, no quotes). */
export function createEngine(_config: EngineConfig, _options?: EngineOptions): Engine {
  throw new Error("engine-core: createEngine is being implemented");
}

/** Rebuilds an engine from a snapshot (or from database rows shaped like one). */
export function restoreEngine(_config: EngineConfig, _snapshot: EngineSnapshot, _options?: EngineOptions): Engine {
  throw new Error("engine-core: restoreEngine is being implemented");
}

/** The stored liquidation price for a position (see money.ts for the rounding rule). */
export function liquidationPriceOf(_side: "long" | "short", _entry: Price, _margin: bigint, _quantity: bigint): Price {
  throw new Error("engine-core: liquidationPriceOf is being implemented");
}
