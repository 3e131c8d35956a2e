import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { legacyStateHash } from "@repo/engine-core/legacy-state-hash";
import { buildTestApp } from "../test-support/test-app";
import { openSqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import { engineConfig, MissingStateHashError, restoreEngineFromStore, StateHashMismatchError } from "./restore-engine";

const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5, clientOrderId: "c-1" };

describe("restoreEngineFromStore", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function populatedDir(): Promise<{ dir: string; hash: string; token: string; positionId: string }> {
    const dir = mkdtempSync(path.join(tmpdir(), "restore-test-"));
    dirs.push(dir);
    const t = await buildTestApp({ dataDir: dir });
    t.quote("SOL_USDC", "150.49", "150.51");
    const a = await t.signup();
    const b = await t.signup();
    const open = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(a.token), payload: SEED_OPEN });
    await t.app.http.inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(a.token), payload: { positionId: open.json<{ positionId: string }>().positionId } });
    await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(b.token), payload: { ...SEED_OPEN, type: "short", stopLoss: 160 } });
    const hash = t.app.trading.stateHash();
    await t.close();
    return { dir, hash, token: a.token, positionId: open.json<{ positionId: string }>().positionId };
  }

  it("should rebuild an engine whose state hash equals the live one", async () => {
    const { dir, hash } = await populatedDir();
    const { database, ledger } = openSqliteStores(dir);
    try {
      const engine = restoreEngineFromStore(ledger, engineConfig(10_000));
      expect(engine.stateHash()).toBe(hash);
      expect(ledger.lastStateHash()).toBe(hash);
    } finally {
      database.close();
    }
  });

  it("tokens survive a restart and a replayed clientOrderId still returns the original position", async () => {
    const { dir, token, positionId } = await populatedDir();
    const t = await buildTestApp({ dataDir: dir });
    try {
      t.quote("SOL_USDC", "150.49", "150.51");
      const before = t.stores.database.counts();
      const replay = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
      expect(replay.json()).toMatchObject({ positionId, closeReason: "manual" });
      expect(t.stores.database.counts()).toEqual(before);
    } finally {
      await t.close();
    }
  });

  it("should refuse to start when the rows do not match the stored hash", async () => {
    const { dir } = await populatedDir();
    const db = new Database(path.join(dir, "trading-engine.db"));
    db.prepare("UPDATE accounts SET usd = '1000000.00' WHERE rowid = 1").run();
    db.close();
    const { database, ledger } = openSqliteStores(dir);
    try {
      expect(() => restoreEngineFromStore(ledger, engineConfig(10_000))).toThrow(StateHashMismatchError);
    } finally {
      database.close();
    }
  });

  it("should accept the legacy hash a database last written before closed positions left the engine stores", async () => {
    const { dir, hash } = await populatedDir();
    const setHash = (value: string) => {
      const db = new Database(path.join(dir, "trading-engine.db"));
      db.prepare("UPDATE meta SET value = ? WHERE key = 'state_hash'").run(value);
      db.close();
    };
    const { database, ledger } = openSqliteStores(dir);
    const legacy = legacyStateHash(hash, ledger.closedWithClientOrderId());
    database.close();
    expect(legacy).not.toBe(hash);
    setHash(legacy);
    const upgraded = openSqliteStores(dir);
    try {
      expect(restoreEngineFromStore(upgraded.ledger, engineConfig(10_000)).stateHash()).toBe(hash);
    } finally {
      upgraded.database.close();
    }
    // Any other hash is still a mismatch.
    setHash(`${legacy.startsWith("0") ? "1" : "0"}${legacy.slice(1)}`);
    const tampered = openSqliteStores(dir);
    try {
      expect(() => restoreEngineFromStore(tampered.ledger, engineConfig(10_000))).toThrow(StateHashMismatchError);
    } finally {
      tampered.database.close();
    }
  });

  it("should refuse to start when the state_hash row is missing but accounts exist", async () => {
    const { dir } = await populatedDir();
    const db = new Database(path.join(dir, "trading-engine.db"));
    db.prepare("DELETE FROM meta WHERE key = 'state_hash'").run();
    db.close();
    const { database, ledger } = openSqliteStores(dir);
    try {
      expect(() => restoreEngineFromStore(ledger, engineConfig(10_000))).toThrow(MissingStateHashError);
    } finally {
      database.close();
    }
  });

  it("should start empty on a truly empty database", () => {
    const { database, ledger } = openSqliteStores(":memory:");
    try {
      expect(restoreEngineFromStore(ledger, engineConfig(10_000)).listAccountIds()).toEqual([]);
    } finally {
      database.close();
    }
  });
});
