import type {
  AccountSnapshot,
  ClosedPositionSnapshot,
  EngineSnapshot,
  OrderSnapshot,
  PositionSnapshot,
} from "@repo/engine-core/snapshot";
import type { TApiKeyScope } from "@repo/shared-types/api-keys";

/** A registered user; the account id equals the user id. */
export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: number;
}

/** A 1m candle as stored: decimal strings exactly as received (null prices = no trades). */
export interface CandleRecord {
  symbol: string;
  time: number;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string | null;
  volume: string;
}

/** Everything one engine command changed, written in one transaction with the resulting hash. */
export interface LedgerChange {
  accounts: AccountSnapshot[];
  opened: PositionSnapshot[];
  closed: ClosedPositionSnapshot[];
  /** Orders placed, changed or finished, as they are now (upserted by orderId). */
  orders?: OrderSnapshot[];
  /** engine.stateHash() after the command; restore compares against the last one written. */
  stateHash: string;
}

/** The durable ledger: accounts, open and closed positions and the state hash written with them. */
export interface LedgerStore {
  /**
   * Writes one command's changes and the resulting state hash in one transaction; `alongside`
   * runs first inside it (writes of other stores sharing the database, e.g. a new user).
   */
  applyLedgerChange(change: LedgerChange, alongside?: () => void): void;
  /** Runs `fn` in one transaction; `applyLedgerChange` calls inside it join it (group commit). */
  transaction(fn: () => void): void;
  /** The engine's durable state, shaped as a snapshot for `restoreEngine`. */
  loadSnapshot(): EngineSnapshot;
  /** The state hash written with the last ledger transaction; null on a fresh database. */
  lastStateHash(): string | null;
  /** Closed positions of an account, newest first. */
  closedPositions(accountId: string, limit: number): ClosedPositionSnapshot[];
  /** Orders of an account in every status, newest change first. */
  orderHistory(accountId: string, limit: number): OrderSnapshot[];
  /** One order of the account in whatever status, or null (another user's is null too). */
  findOrder(accountId: string, orderId: string): OrderSnapshot | null;
}

/** Users and their bearer-token sessions (only token hashes are stored). */
export interface UserStore {
  insertUser(user: UserRecord): void;
  findUserByEmail(email: string): UserRecord | null;
  findUserById(id: string): UserRecord | null;
  insertSession(tokenHash: string, userId: string, at: number): void;
  /** The user of a live session (not revoked, created at or after `notBefore`), or null. */
  /** A live (unrevoked) session created at or after `notBefore`. */
  findSession(tokenHash: string, notBefore: number): { userId: string; createdAt: number } | null;
  /** Returns true when a live session was revoked. */
  revokeSession(tokenHash: string, at: number): boolean;
  /** Revokes every live session of a user; returns their token hashes. */
  revokeUserSessions(userId: string, at: number): string[];
  /** Deletes revoked sessions and sessions created before `before`; returns how many. */
  pruneSessions(before: number): number;
}

/** An API key as stored: its hash, never the key. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  scopes: TApiKeyScope[];
  keyHash: string;
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
}

/** API keys of users (the `api_keys` table). */
export interface ApiKeyStore {
  insertApiKey(record: ApiKeyRecord): void;
  /** The unrevoked key with this hash, or null. */
  findLiveApiKey(keyHash: string): ApiKeyRecord | null;
  /** A user's unrevoked keys, newest first. */
  listLiveApiKeys(userId: string): ApiKeyRecord[];
  /** Revokes the user's key `id` if it is live; returns it as revoked, or null (unknown, foreign or already revoked). */
  revokeApiKey(userId: string, id: string, at: number): ApiKeyRecord | null;
}

/** 1m candles keyed by (symbol, minute). */
export interface CandleStore {
  /** Upserts by (symbol, time) in one transaction. */
  upsertCandles(candles: readonly CandleRecord[]): void;
  latestCandleTime(symbol: string): number | null;
  /** 1m candles of a symbol from `fromTime` (unix s, inclusive), ascending. */
  candlesFrom(symbol: string, fromTime: number): CandleRecord[];
  /**
   * Pre-aggregated candles of `intervalSeconds` (300, 900, 3600, 14400 or 86400) from `fromTime`,
   * ascending; only buckets with a priced minute. Maintained by upsertCandles.
   */
  bucketsFrom(symbol: string, intervalSeconds: number, fromTime: number): PricedCandle[];
}

/** A candle with prices (an aggregated bucket always has some). */
export interface PricedCandle {
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

/**
 * A clientOrderId as first used: the request's fingerprint and what it made. One namespace per
 * account for market opens and pending orders alike: `positionId` holds the position's id, or the
 * order's for a pending order (a fill's position shares its order's id anyway).
 */
export interface ClientOrderRecord {
  accountId: string;
  clientOrderId: string;
  fingerprint: string;
  positionId: string;
  createdAt: number;
}

/** clientOrderIds on disk (kept ≥ 24 h; here: for good), looked up by (account, id). */
export interface ClientOrderStore {
  findClientOrder(accountId: string, clientOrderId: string): ClientOrderRecord | null;
  /** Inserted inside the ledger transaction of the open it belongs to. */
  insertClientOrder(record: ClientOrderRecord): void;
}
