import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations";
import { openSqliteStores } from "./open-sqlite-stores";

describe("migrations", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("version 4 should keep every closed row of a version 3 database, in history order, with no trailing stop", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    dirs.push(dir);
    const old = new Database(path.join(dir, "trading-engine.db"));
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
      old.exec(m.sql);
      old.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(m.version);
    }
    old.exec(`INSERT INTO accounts VALUES ('a1', '10000.00', '0', '10000.00', '0.00', 1)`);
    const insert = old.prepare(
      `INSERT INTO closed_positions VALUES (?, 'a1', 'SOL_USDC', 'long', '10.00', 2, '100', '0.2', '50', NULL, NULL, 1, NULL, '101', '0.20', 5, 'manual')`,
    );
    // Same closedAt: only the insertion order tells them apart.
    for (const id of ["x", "y", "z"]) insert.run(id);
    old.close();

    const stores = openSqliteStores(dir);
    try {
      const history = stores.ledger.closedPositions("a1", 10);
      expect(history.map((h) => h.positionId)).toEqual(["z", "y", "x"]);
      expect(history.every((h) => h.trailingStop === null)).toBe(true);
    } finally {
      stores.database.close();
    }
  });
});
