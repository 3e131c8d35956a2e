import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type {
  AccountSnapshot,
  ClosedPositionSnapshot,
  EngineSnapshot,
  PositionSnapshot,
} from "@repo/engine-core/snapshot";

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
  /** engine.stateHash() after the command; restore compares against the last one written. */
  stateHash: string;
}

interface Migration {
  version: number;
  sql: string;
}

/** Schema history: append only. Amounts are exact decimal strings, times unix ms (candles: s). */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE accounts (
        account_id TEXT PRIMARY KEY,
        usd TEXT NOT NULL,
        sol TEXT NOT NULL,
        deposits TEXT NOT NULL,
        realized_pnl TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE open_positions (
        position_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('long', 'short')),
        margin TEXT NOT NULL,
        leverage INTEGER NOT NULL,
        entry_price TEXT NOT NULL,
        quantity TEXT NOT NULL,
        liquidation_price TEXT NOT NULL,
        stop_loss TEXT,
        take_profit TEXT,
        opened_at INTEGER NOT NULL,
        client_order_id TEXT
      );
      CREATE INDEX open_positions_account ON open_positions(account_id);
      CREATE TABLE closed_positions (
        position_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('long', 'short')),
        margin TEXT NOT NULL,
        leverage INTEGER NOT NULL,
        entry_price TEXT NOT NULL,
        quantity TEXT NOT NULL,
        liquidation_price TEXT NOT NULL,
        stop_loss TEXT,
        take_profit TEXT,
        opened_at INTEGER NOT NULL,
        client_order_id TEXT,
        close_price TEXT NOT NULL,
        realized_pnl TEXT NOT NULL,
        closed_at INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX closed_positions_account ON closed_positions(account_id, closed_at);
      CREATE TABLE candles (
        symbol TEXT NOT NULL,
        time INTEGER NOT NULL,
        open TEXT,
        high TEXT,
        low TEXT,
        close TEXT,
        volume TEXT NOT NULL,
        PRIMARY KEY (symbol, time)
      ) WITHOUT ROWID;
    `,
  },
];

interface PositionRow {
  position_id: string;
  account_id: string;
  symbol: string;
  side: "long" | "short";
  margin: string;
  leverage: number;
  entry_price: string;
  quantity: string;
  liquidation_price: string;
  stop_loss: string | null;
  take_profit: string | null;
  opened_at: number;
  client_order_id: string | null;
}

interface ClosedPositionRow extends PositionRow {
  close_price: string;
  realized_pnl: string;
  closed_at: number;
  reason: ClosedPositionSnapshot["reason"];
}

interface AccountRow {
  account_id: string;
  usd: string;
  sol: string;
  deposits: string;
  realized_pnl: string;
  created_at: number;
}

function toPosition(row: PositionRow): PositionSnapshot {
  return {
    positionId: row.position_id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side,
    margin: row.margin,
    leverage: row.leverage,
    entryPrice: row.entry_price,
    quantity: row.quantity,
    liquidationPrice: row.liquidation_price,
    stopLoss: row.stop_loss,
    takeProfit: row.take_profit,
    openedAt: row.opened_at,
    clientOrderId: row.client_order_id,
  };
}

function toClosedPosition(row: ClosedPositionRow): ClosedPositionSnapshot {
  return {
    ...toPosition(row),
    closePrice: row.close_price,
    realizedPnl: row.realized_pnl,
    closedAt: row.closed_at,
    reason: row.reason,
  };
}

function positionParams(p: PositionSnapshot) {
  return {
    position_id: p.positionId,
    account_id: p.accountId,
    symbol: p.symbol,
    side: p.side,
    margin: p.margin,
    leverage: p.leverage,
    entry_price: p.entryPrice,
    quantity: p.quantity,
    liquidation_price: p.liquidationPrice,
    stop_loss: p.stopLoss,
    take_profit: p.takeProfit,
    opened_at: p.openedAt,
    client_order_id: p.clientOrderId,
  };
}

const POSITION_COLUMNS =
  "position_id, account_id, symbol, side, margin, leverage, entry_price, quantity, liquidation_price, stop_loss, take_profit, opened_at, client_order_id";
const POSITION_VALUES =
  "@position_id, @account_id, @symbol, @side, @margin, @leverage, @entry_price, @quantity, @liquidation_price, @stop_loss, @take_profit, @opened_at, @client_order_id";

/**
 * Durable state in SQLite. WAL with synchronous=FULL: a commit is on disk before the call
 * returns, so an order acknowledged after `applyLedgerChange` survives `kill -9` and power loss.
 * Every method is synchronous (better-sqlite3), which keeps execute+persist atomic on the event loop.
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly stmts;

  /** Opens (creating if needed) `<dataDir>/trading-engine.db`, or an in-memory db for ":memory:". */
  constructor(dataDir: string) {
    if (dataDir === ":memory:") {
      this.db = new Database(":memory:");
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(path.join(dataDir, "trading-engine.db"));
      this.db.pragma("journal_mode = WAL");
    }
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
    const db = this.db;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      insertUser: db.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (@id, @email, @passwordHash, @createdAt)"),
      userByEmail: db.prepare<[string], { id: string; email: string; password_hash: string; created_at: number }>(
        "SELECT id, email, password_hash, created_at FROM users WHERE email = ?",
      ),
      userById: db.prepare<[string], { id: string; email: string; password_hash: string; created_at: number }>(
        "SELECT id, email, password_hash, created_at FROM users WHERE id = ?",
      ),
      insertSession: db.prepare("INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)"),
      sessionUser: db.prepare<[string], { user_id: string }>(
        "SELECT user_id FROM sessions WHERE token_hash = ? AND revoked_at IS NULL",
      ),
      revokeSession: db.prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL"),
      upsertAccount: db.prepare(
        `INSERT INTO accounts (account_id, usd, sol, deposits, realized_pnl, created_at)
         VALUES (@accountId, @usd, @sol, @deposits, @realizedPnl, @createdAt)
         ON CONFLICT(account_id) DO UPDATE SET usd = excluded.usd, sol = excluded.sol,
           deposits = excluded.deposits, realized_pnl = excluded.realized_pnl`,
      ),
      insertOpen: db.prepare(`INSERT INTO open_positions (${POSITION_COLUMNS}) VALUES (${POSITION_VALUES})`),
      deleteOpen: db.prepare("DELETE FROM open_positions WHERE position_id = ?"),
      insertClosed: db.prepare(
        `INSERT INTO closed_positions (${POSITION_COLUMNS}, close_price, realized_pnl, closed_at, reason)
         VALUES (${POSITION_VALUES}, @close_price, @realized_pnl, @closed_at, @reason)`,
      ),
      allAccounts: db.prepare<[], AccountRow>("SELECT * FROM accounts ORDER BY account_id"),
      allOpen: db.prepare<[], PositionRow>(`SELECT ${POSITION_COLUMNS} FROM open_positions ORDER BY opened_at, position_id`),
      closedWithClientOrderId: db.prepare<[], ClosedPositionRow>(
        "SELECT * FROM closed_positions WHERE client_order_id IS NOT NULL ORDER BY closed_at, position_id",
      ),
      history: db.prepare<[string, number], ClosedPositionRow>(
        "SELECT * FROM closed_positions WHERE account_id = ? ORDER BY closed_at DESC, rowid DESC LIMIT ?",
      ),
      upsertCandle: db.prepare(
        `INSERT INTO candles (symbol, time, open, high, low, close, volume)
         VALUES (@symbol, @time, @open, @high, @low, @close, @volume)
         ON CONFLICT(symbol, time) DO UPDATE SET open = excluded.open, high = excluded.high,
           low = excluded.low, close = excluded.close, volume = excluded.volume`,
      ),
      latestCandleTime: db.prepare<[string], { time: number | null }>("SELECT MAX(time) AS time FROM candles WHERE symbol = ?"),
      candlesFrom: db.prepare<[string, number], CandleRecord>(
        "SELECT symbol, time, open, high, low, close, volume FROM candles WHERE symbol = ? AND time >= ? ORDER BY time",
      ),
      countRows: db.prepare<[], { accounts: number; open: number; closed: number; users: number }>(
        `SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM open_positions) AS open,
                (SELECT COUNT(*) FROM closed_positions) AS closed, (SELECT COUNT(*) FROM users) AS users`,
      ),
    };
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
        .all()
        .map((r) => r.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(migration.version, Date.now());
      })();
    }
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insertUser(user: UserRecord): void {
    this.stmts.insertUser.run(user);
  }

  findUserByEmail(email: string): UserRecord | null {
    const row = this.stmts.userByEmail.get(email);
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at } : null;
  }

  findUserById(id: string): UserRecord | null {
    const row = this.stmts.userById.get(id);
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at } : null;
  }

  insertSession(tokenHash: string, userId: string, at: number): void {
    this.stmts.insertSession.run(tokenHash, userId, at);
  }

  /** The user of a live (not revoked) session, or null. */
  findSessionUser(tokenHash: string): string | null {
    return this.stmts.sessionUser.get(tokenHash)?.user_id ?? null;
  }

  /** Returns true when a live session was revoked. */
  revokeSession(tokenHash: string, at: number): boolean {
    return this.stmts.revokeSession.run(at, tokenHash).changes > 0;
  }

  /** Writes one command's ledger changes and the resulting state hash (call inside a transaction or alone). */
  applyLedgerChange(change: LedgerChange): void {
    this.transaction(() => {
      for (const account of change.accounts) this.stmts.upsertAccount.run(account);
      for (const p of change.opened) this.stmts.insertOpen.run(positionParams(p));
      for (const p of change.closed) {
        this.stmts.deleteOpen.run(p.positionId);
        this.stmts.insertClosed.run({
          ...positionParams(p),
          close_price: p.closePrice,
          realized_pnl: p.realizedPnl,
          closed_at: p.closedAt,
          reason: p.reason,
        });
      }
      this.stmts.setMeta.run("state_hash", change.stateHash);
    });
  }

  /** The engine's durable state, shaped as a snapshot for `restoreEngine`. */
  loadSnapshot(): EngineSnapshot {
    const accounts = this.stmts.allAccounts.all().map(
      (r): AccountSnapshot => ({
        accountId: r.account_id,
        usd: r.usd,
        sol: r.sol,
        deposits: r.deposits,
        realizedPnl: r.realized_pnl,
        createdAt: r.created_at,
      }),
    );
    return {
      version: 1,
      accounts,
      openPositions: this.stmts.allOpen.all().map(toPosition),
      closedPositions: this.stmts.closedWithClientOrderId.all().map(toClosedPosition),
    };
  }

  /** The state hash written with the last ledger transaction; null on a fresh database. */
  lastStateHash(): string | null {
    return this.stmts.getMeta.get("state_hash")?.value ?? null;
  }

  /** Closed positions of an account, newest first. */
  closedPositions(accountId: string, limit: number): ClosedPositionSnapshot[] {
    return this.stmts.history.all(accountId, limit).map(toClosedPosition);
  }

  upsertCandles(candles: readonly CandleRecord[]): void {
    this.transaction(() => {
      for (const c of candles) this.stmts.upsertCandle.run(c);
    });
  }

  latestCandleTime(symbol: string): number | null {
    return this.stmts.latestCandleTime.get(symbol)?.time ?? null;
  }

  /** 1m candles of a symbol from `fromTime` (unix s, inclusive), ascending. */
  candlesFrom(symbol: string, fromTime: number): CandleRecord[] {
    return this.stmts.candlesFrom.all(symbol, fromTime);
  }

  counts(): { accounts: number; open: number; closed: number; users: number } {
    const row = this.stmts.countRows.get();
    return row ?? { accounts: 0, open: 0, closed: 0, users: 0 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
