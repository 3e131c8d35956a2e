import { SqliteApiKeyStore } from "./sqlite-api-key-store";
import { SqliteCandleStore } from "./sqlite-candle-store";
import { SqliteClientOrderStore } from "./sqlite-client-order-store";
import { SqliteDatabase } from "./sqlite-database";
import { SqliteLedgerStore } from "./sqlite-ledger-store";
import { SqliteUserStore } from "./sqlite-user-store";

/** Every store over one database file (so their writes can share a transaction). */
export interface SqliteStores {
  database: SqliteDatabase;
  ledger: SqliteLedgerStore;
  users: SqliteUserStore;
  candles: SqliteCandleStore;
  clientOrders: SqliteClientOrderStore;
  apiKeys: SqliteApiKeyStore;
}

/** Opens `<dataDir>/trading-engine.db` (or ":memory:"), migrates it and builds the stores on it. */
export function openSqliteStores(dataDir: string): SqliteStores {
  const database = new SqliteDatabase(dataDir);
  return {
    database,
    ledger: new SqliteLedgerStore(database),
    users: new SqliteUserStore(database),
    candles: new SqliteCandleStore(database),
    clientOrders: new SqliteClientOrderStore(database),
    apiKeys: new SqliteApiKeyStore(database),
  };
}
