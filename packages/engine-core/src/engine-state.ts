import { AlertIndex, type AlertRecord } from "./alert-index";
import { IndexedTriggerFinder } from "./indexed-trigger-finder";
import type { Qty, Usd } from "./money";
import type { OpenRecord } from "./open-record";
import { createExpiryHeap, OrderIndex } from "./order-index";
import type { OrderRecord } from "./order-record";
import type { RecordHeap } from "./record-heap";
import { PriceBand } from "./price-band";
import { ScanTriggerFinder } from "./scan-trigger-finder";
import { StateHashSum } from "./state-hash";
import type { TriggerFinder } from "./trigger-finder";
import type { Account, EngineConfig, MarketConfig, Quote } from "./types";

/** Which trigger finder a tick uses: the per-market price-ordered index, or the naive scan (oracle/bench). */
export type TriggerIndexKind = "indexed" | "scan";

/** An account's ledger fields and indexes, as the commands change them. */
export interface AccountState {
  readonly accountId: string;
  usd: Usd;
  sol: Qty;
  deposits: Usd;
  withdrawals: Usd;
  realizedPnl: Usd;
  readonly createdAt: number;
  /** This account's row hash in the state hash (0/0 before the first); see rehashAccount. */
  hashHi: number;
  hashLo: number;
  readonly open: Map<string, OpenRecord>;
  /**
   * clientOrderId → positionId of this account's OPEN positions: a closed position's id is the
   * service's to remember (on disk), so this never outgrows the open positions.
   */
  readonly clientOrders: Map<string, string>;
  /** Open orders; their margins are reserved: out of `usd`, still the account's (§4). */
  readonly orders: Map<string, OrderRecord>;
}

export interface MarketState {
  readonly config: MarketConfig;
  quote: Quote | null;
  readonly finder: TriggerFinder;
  /** Open orders of this market by trigger price. */
  readonly orders: OrderIndex;
  /** Armed price alerts by price and direction. */
  readonly alerts: AlertIndex;
  /** Holds a wild quote until a second one confirms it (not part of snapshots: quotes only). */
  readonly band: PriceBand;
}

/**
 * Everything the engine holds. Commands change it in place rather than returning a copy: a tick
 * touches a handful of a million open records, and copying the maps per command would cost more
 * than the command. Only the command functions write it; engine.ts reads it for queries.
 */
export interface EngineState {
  readonly config: EngineConfig;
  readonly accounts: Map<string, AccountState>;
  readonly open: Map<string, OpenRecord>;
  /** Every armed alert by id (fired and removed ones leave: their history belongs to the service). */
  readonly alerts: Map<string, AlertRecord>;
  readonly markets: Map<string, MarketState>;
  /** Every open order by id. */
  readonly orders: Map<string, OrderRecord>;
  /** Open orders with an expiry, earliest first. */
  readonly orderExpiry: RecordHeap<"expirySlot", OrderRecord, number>;
  /** The state hash, maintained by the ledger transitions (ledger.ts, order-ledger.ts). */
  readonly hashSum: StateHashSum;
}

/** An empty state: the configured markets without quotes, no accounts. */
export function createEngineState(
  config: EngineConfig,
  triggerIndex: TriggerIndexKind = "indexed",
): EngineState {
  const markets = new Map<string, MarketState>();
  for (const market of config.markets) {
    const finder = triggerIndex === "scan" ? new ScanTriggerFinder() : new IndexedTriggerFinder();
    const band = new PriceBand(BigInt(config.priceBandBp ?? 1_000));
    markets.set(market.symbol, {
      config: market,
      quote: null,
      finder,
      orders: new OrderIndex(),
      alerts: new AlertIndex(),
      band,
    });
  }
  return {
    config,
    accounts: new Map(),
    open: new Map(),
    orders: new Map(),
    orderExpiry: createExpiryHeap(),
    alerts: new Map(),
    markets,
    hashSum: new StateHashSum(),
  };
}

/**
 * The market's quote, or null when it has none or its exchange timestamp is more than
 * priceStaleMs before `at` (a backlog delivered late is as old as the exchange says, not as old
 * as its delivery), or it was received that long ago.
 */
export function freshQuote(state: EngineState, market: MarketState, at: number): Quote | null {
  const quote = market.quote;
  const stale = state.config.priceStaleMs;
  if (quote === null || at - quote.timestamp > stale || at - quote.receivedAt > stale) return null;
  return quote;
}

/** The read-only view of an account that queries and results hand out. */
export function accountView(a: AccountState): Account {
  return {
    accountId: a.accountId,
    balances: { USD: a.usd, SOL: a.sol },
    deposits: a.deposits,
    withdrawals: a.withdrawals,
    realizedPnl: a.realizedPnl,
    createdAt: a.createdAt,
  };
}
