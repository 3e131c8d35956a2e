import type { AccountSnapshot, ClosedPositionSnapshot, PositionSnapshot } from "@repo/engine-core/snapshot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStores, type SqliteStores } from "./open-sqlite-stores";

const ACCOUNT: AccountSnapshot = { accountId: "a1", usd: "9000.00", sol: "0", deposits: "10000.00", realizedPnl: "0.00", createdAt: 1 };

function position(id: string, clientOrderId: string | null = null): PositionSnapshot {
  return {
    positionId: id,
    accountId: "a1",
    symbol: "SOL_USDC",
    side: "long",
    margin: "1000.00",
    leverage: 2,
    entryPrice: "150.51",
    quantity: "13.28815361",
    liquidationPrice: "75.255",
    stopLoss: null,
    takeProfit: "160",
    openedAt: 10,
    clientOrderId,
  };
}

function closed(p: PositionSnapshot, closedAt: number): ClosedPositionSnapshot {
  return { ...p, closePrice: "150.49", realizedPnl: "-0.27", closedAt, reason: "manual" };
}

describe("SqliteLedgerStore", () => {
  let stores: SqliteStores;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
  });
  afterEach(() => {
    stores.database.close();
  });

  it("a fresh database should have no state hash and an empty snapshot", () => {
    expect(stores.ledger.lastStateHash()).toBeNull();
    expect(stores.ledger.loadSnapshot()).toEqual({ version: 1, accounts: [], openPositions: [], closedPositions: [], orders: [] });
  });

  it("applyLedgerChange should write accounts, opens, closes and the hash exactly as given", () => {
    const { ledger } = stores;
    ledger.applyLedgerChange({ accounts: [ACCOUNT], opened: [position("p1"), position("p2", "c-2")], closed: [], stateHash: "h1" });
    ledger.applyLedgerChange({ accounts: [{ ...ACCOUNT, usd: "9999.73" }], opened: [], closed: [closed(position("p2", "c-2"), 20)], stateHash: "h2" });
    expect(ledger.lastStateHash()).toBe("h2");
    const snapshot = ledger.loadSnapshot();
    expect(snapshot.accounts).toEqual([{ ...ACCOUNT, usd: "9999.73" }]);
    expect(snapshot.openPositions).toEqual([position("p1")]);
    // Closed positions come back only when a clientOrderId may be replayed.
    expect(snapshot.closedPositions).toEqual([closed(position("p2", "c-2"), 20)]);
    expect(stores.database.counts()).toEqual({ accounts: 1, open: 1, closed: 1, users: 0 });
  });

  it("closedPositions should list an account's history newest first and honour limit", () => {
    const { ledger } = stores;
    ledger.applyLedgerChange({ accounts: [ACCOUNT], opened: ["p1", "p2", "p3"].map((id) => position(id)), closed: [], stateHash: "h1" });
    for (const [i, id] of ["p1", "p2", "p3"].entries()) {
      ledger.applyLedgerChange({ accounts: [], opened: [], closed: [closed(position(id), 100 + i)], stateHash: `h${i + 2}` });
    }
    expect(ledger.closedPositions("a1", 10).map((p) => p.positionId)).toEqual(["p3", "p2", "p1"]);
    expect(ledger.closedPositions("a1", 1).map((p) => p.positionId)).toEqual(["p3"]);
    expect(ledger.closedPositions("someone-else", 10)).toEqual([]);
  });

  it("a failing alongside write should roll the whole change back", () => {
    const { ledger } = stores;
    expect(() =>
      ledger.applyLedgerChange({ accounts: [ACCOUNT], opened: [], closed: [], stateHash: "h1" }, () => {
        stores.users.insertUser({ id: "a1", email: "a@example.com", passwordHash: "x", createdAt: 1 });
        stores.users.insertUser({ id: "a2", email: "a@example.com", passwordHash: "x", createdAt: 1 });
      }),
    ).toThrow();
    expect(ledger.lastStateHash()).toBeNull();
    expect(stores.database.counts()).toEqual({ accounts: 0, open: 0, closed: 0, users: 0 });
  });
});
