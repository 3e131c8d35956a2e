import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TOpenPositionRequest } from "@repo/shared-types/api";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStores, type SqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import { CLIENT_ORDER_TTL_MS } from "./client-order-guard";
import { engineConfig, restoreEngineFromStore } from "./restore-engine";
import { TradingService } from "./trading-service";

const T0 = 1_700_000_000_000;
const ORDER: TOpenPositionRequest = { asset: "SOL", type: "long", margin: "1", leverage: 2 };

describe("clientOrderId memory", () => {
  const dirs: string[] = [];
  const open: SqliteStores[] = [];
  afterEach(() => {
    for (const stores of open.splice(0)) stores.database.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A service over the SQLite file in `dataDir`, restored from it, with a settable clock. */
  function boot(dataDir: string, clock = { now: T0 }) {
    const stores = openSqliteStores(dataDir);
    open.push(stores);
    const engine = restoreEngineFromStore(stores.ledger, engineConfig(10_000));
    let id = 0;
    const trading = new TradingService({
      engine,
      ledger: stores.ledger,
      clientOrders: stores.clientOrders,
      now: () => clock.now,
      newId: () => `${clock.now}-${(id += 1)}`,
      onFatal: (error) => {
        throw error;
      },
    });
    const quote = () =>
      trading.applyMarketUpdate({ schemaVersion: 1, symbol: "SOL_USDC", bid: "150.49", ask: "150.51", price: "150.5", volume: "1", timestamp: clock.now, source: "simulator" });
    return { stores, engine, trading, quote, clock };
  }

  function freshDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "client-orders-"));
    dirs.push(dir);
    return dir;
  }

  it("two opens of one batch with the same clientOrderId should give the position and a 409 for a different body, one position for the same body", async () => {
    const { trading, quote, engine } = boot(":memory:");
    trading.createAccount("u1", T0, () => undefined);
    quote();
    const [first, conflict] = await Promise.all([
      trading.openPosition("u1", { ...ORDER, clientOrderId: "a" }),
      trading.openPosition("u1", { ...ORDER, margin: "2", clientOrderId: "a" }),
    ]);
    expect(first).toMatchObject({ ok: true, value: { replayed: false } });
    expect(conflict).toMatchObject({ ok: false, code: "IDEMPOTENCY_CONFLICT" });
    const [one, two] = await Promise.all([
      trading.openPosition("u1", { ...ORDER, clientOrderId: "b" }),
      trading.openPosition("u1", { ...ORDER, clientOrderId: "b" }),
    ]);
    if (!one.ok || !two.ok) throw new Error("both should succeed");
    expect(two.value).toEqual({ position: one.value.position, replayed: true });
    expect(engine.openPositionCount()).toBe(2);
    expect(trading.state("u1")?.balances.USD).toBe(9998);
  });

  it("a closed position's clientOrderId should replay from the history on disk, also when it closed in the same batch", async () => {
    const { trading, quote, engine, stores } = boot(":memory:");
    trading.createAccount("u1", T0, () => undefined);
    quote();
    const opened = await trading.openPosition("u1", { ...ORDER, clientOrderId: "c" });
    if (!opened.ok) throw new Error(opened.message);
    const positionId = opened.value.position.positionId;
    // Close and repeat in one turn: the repeat waits for the close to be on disk.
    const [closed, replay] = await Promise.all([trading.closePosition("u1", { positionId }), trading.openPosition("u1", { ...ORDER, clientOrderId: "c" })]);
    if (!closed.ok) throw new Error(closed.message);
    expect(replay).toEqual({ ok: true, value: { position: closed.value.position, replayed: true } });
    expect(engine.getPosition(positionId)).toBeNull();
    expect(stores.database.counts()).toMatchObject({ open: 0, closed: 1 });
    expect(await trading.openPosition("u1", { ...ORDER, leverage: 3, clientOrderId: "c" })).toMatchObject({ ok: false, code: "IDEMPOTENCY_CONFLICT" });
  });

  it("ids should be remembered for 24 h, then pruned at boot and by the hourly prune on the order path", async () => {
    const dir = freshDir();
    const first = boot(dir);
    first.trading.createAccount("u1", T0, () => undefined);
    first.quote();
    expect(await first.trading.openPosition("u1", { ...ORDER, clientOrderId: "old" })).toMatchObject({ ok: true });
    first.clock.now = T0 + CLIENT_ORDER_TTL_MS - 1;
    first.quote();
    expect(await first.trading.openPosition("u1", { ...ORDER, clientOrderId: "newer" })).toMatchObject({ ok: true });
    // Just under 24 h later, the first id still answers (a different body: 409).
    expect(await first.trading.openPosition("u1", { ...ORDER, margin: "3", clientOrderId: "old" })).toMatchObject({ ok: false, code: "IDEMPOTENCY_CONFLICT" });
    first.stores.database.close();
    const rebooted = boot(dir, { now: T0 + CLIENT_ORDER_TTL_MS + 1 });
    expect(rebooted.stores.clientOrders.findClientOrder("u1", "old")).toBeNull();
    expect(rebooted.stores.clientOrders.findClientOrder("u1", "newer")).not.toBeNull();
    rebooted.clock.now = T0 + 2 * CLIENT_ORDER_TTL_MS + 60 * 60 * 1000;
    rebooted.quote();
    await rebooted.trading.openPosition("u1", ORDER);
    expect(rebooted.stores.clientOrders.findClientOrder("u1", "newer")).not.toBeNull();
    await rebooted.trading.openPosition("u1", { ...ORDER, clientOrderId: "trigger-prune" });
    expect(rebooted.stores.clientOrders.findClientOrder("u1", "newer")).toBeNull();
  });

  // engine.test.ts drives 100k through the engine alone; this is the same through SQLite (and a
  // restart), at 10k to stay quick: the bench reports memory and boot time at 100k.
  it("10k opened and closed orders with clientOrderIds should leave engine memory flat, and a restore should read only open rows", async () => {
    const dir = freshDir();
    const { trading, quote, engine, stores } = boot(dir);
    // One order per account per batch: a margin check costs O(the account's open positions).
    const batch = 250;
    const accounts = Array.from({ length: batch }, (_, i) => `u${i}`);
    for (const accountId of accounts) trading.createAccount(accountId, T0, () => undefined);
    quote();
    const kept = await trading.openPosition("u1", { ...ORDER, clientOrderId: "kept-open" });
    if (!kept.ok) throw new Error(kept.message);
    const baseline = engine.retainedEntryCount();
    for (let start = 0; start < 10_000; start += batch) {
      const opened = await Promise.all(accounts.map((accountId, i) => trading.openPosition(accountId, { ...ORDER, clientOrderId: `order-${start + i}` })));
      const ids = opened.map((r) => (r.ok ? r.value.position.positionId : "rejected"));
      const closed = await Promise.all(ids.map((positionId, i) => trading.closePosition(accounts[i] ?? "", { positionId })));
      expect(closed.every((r) => r.ok)).toBe(true);
      if (start % 2_000 === 0) expect(engine.retainedEntryCount()).toBe(baseline);
    }
    expect(engine.retainedEntryCount()).toBe(baseline);
    expect(stores.database.counts()).toMatchObject({ open: 1, closed: 10_000 });
    const hash = engine.stateHash();
    stores.database.close();

    const rebooted = boot(dir);
    expect(rebooted.stores.ledger.loadSnapshot().openPositions.map((p) => p.clientOrderId)).toEqual(["kept-open"]);
    expect(rebooted.engine.stateHash()).toBe(hash);
    expect(rebooted.engine.retainedEntryCount()).toBe(baseline);
    // The ids are still answered, from disk.
    rebooted.quote();
    expect(await rebooted.trading.openPosition("u0", { ...ORDER, clientOrderId: "order-0" })).toMatchObject({ ok: true, value: { replayed: true, position: { closeReason: "manual" } } });
    expect(await rebooted.trading.openPosition("u1", { ...ORDER, clientOrderId: "kept-open" })).toMatchObject({ ok: true, value: { replayed: true, position: { positionId: kept.value.position.positionId } } });
  }, 30_000);
});
