import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations";

/** Row counts of the main tables (startup log, tests). */
export interface TableCounts {
  accounts: number;
  open: number;
  closed: number;
  users: number;
}

/**
 * The engine's SQLite file, migrated on open. WAL with synchronous=FULL: a commit is on disk
 * before the call returns, so an order acknowledged after its ledger write survives `kill -9`
 * and power loss. Every call is synchronous (better-sqlite3), which keeps execute+persist atomic
 * on the event loop. The stores of `adapters/sqlite/` share one instance, so their writes can
 * join one transaction.
 */
export class SqliteDatabase {
  readonly db: Database.Database;
  private readonly countRows;

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
    this.countRows = this.db.prepare<[], TableCounts>(
      `SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM open_positions) AS open,
              (SELECT COUNT(*) FROM closed_positions) AS closed, (SELECT COUNT(*) FROM users) AS users`,
    );
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

  counts(): TableCounts {
    return this.countRows.get() ?? { accounts: 0, open: 0, closed: 0, users: 0 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
