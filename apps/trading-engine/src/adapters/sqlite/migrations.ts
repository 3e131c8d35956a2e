/** One schema step; applied once, in version order. */
export interface Migration {
  version: number;
  sql: string;
}

/** Schema history: append only. Amounts are exact decimal strings, times unix ms (candles: s). */
export const MIGRATIONS: readonly Migration[] = [
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
  {
    version: 2,
    sql: `
      -- Higher-interval candles (5m..1d) kept up to date on every 1m upsert, so a chart request
      -- reads at most \`limit\` rows whatever its interval. interval_s: bucket length in seconds.
      CREATE TABLE candle_buckets (
        symbol TEXT NOT NULL,
        interval_s INTEGER NOT NULL,
        time INTEGER NOT NULL,
        open TEXT NOT NULL,
        high TEXT NOT NULL,
        low TEXT NOT NULL,
        close TEXT NOT NULL,
        volume TEXT NOT NULL,
        PRIMARY KEY (symbol, interval_s, time)
      ) WITHOUT ROWID;
    `,
  },
  {
    // One row per (account, clientOrderId): a repeat is found through the primary key on disk,
    // with the fingerprint of the body it came with, so a different body is told apart (409).
    version: 3,
    sql: `
      CREATE TABLE client_orders (
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        client_order_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        position_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, client_order_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    // Pending orders in every status: the open ones restore the engine (its margins are reserved
    // out of accounts.usd), the rest are the order history. Upserted by order_id on every change.
    version: 4,
    sql: `
      CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(account_id),
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('long', 'short')),
        order_type TEXT NOT NULL CHECK (order_type IN ('limit', 'stop')),
        price TEXT NOT NULL,
        margin TEXT NOT NULL,
        leverage INTEGER NOT NULL,
        stop_loss TEXT,
        take_profit TEXT,
        expires_at INTEGER,
        client_order_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'cancelled', 'expired', 'rejected')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        position_id TEXT,
        reason TEXT
      );
      CREATE INDEX orders_open ON orders(created_at) WHERE status = 'open';
      CREATE INDEX orders_account ON orders(account_id, updated_at);
    `,
  },
  {
    // API keys for programs: only the key's SHA-256 is kept (it is shown once, at creation);
    // a revoked key keeps its row (revoked_at) so its listing can still be answered.
    version: 5,
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        key_prefix TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX api_keys_by_user ON api_keys (user_id, created_at);
    `,
  },
];
