import { createEngine } from "@repo/engine-core/engine";
import type { EngineSnapshot } from "@repo/engine-core/snapshot";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { describe, expect, it, vi } from "vitest";
import type { LedgerChange, LedgerStore } from "../ports";
import { LedgerWriteError } from "./ledger-write-error";
import { engineConfig } from "./restore-engine";
import { TradingService } from "./trading-service";

/** A LedgerStore in memory: what the service wrote, or a store that refuses every write. */
class MemoryLedger implements LedgerStore {
  readonly changes: LedgerChange[] = [];
  failing = false;
  transactions = 0;

  transaction(fn: () => void): void {
    this.transactions += 1;
    fn();
  }

  applyLedgerChange(change: LedgerChange, alongside?: () => void): void {
    if (this.failing) throw new Error("disk full");
    alongside?.();
    this.changes.push(change);
  }

  loadSnapshot(): EngineSnapshot {
    return { version: 1, accounts: [], openPositions: [], closedPositions: [] };
  }

  lastStateHash(): string | null {
    return this.changes.at(-1)?.stateHash ?? null;
  }

  closedPositions(): [] {
    return [];
  }

  orderHistory(): [] {
    return [];
  }

  findOrder(): null {
    return null;
  }
}

const OPEN = { asset: "SOL", type: "long", margin: "1000", leverage: 2 } as const;

function setup() {
  const ledger = new MemoryLedger();
  const onFatal = vi.fn();
  let id = 0;
  const trading = new TradingService({
    engine: createEngine(engineConfig(10_000)),
    ledger,
    now: () => 1_700_000_000_000,
    newId: () => `id-${(id += 1)}`,
    onFatal,
  });
  const quote = (bid: string, ask: string): boolean => {
    const update: TMarketUpdate = { schemaVersion: 1, symbol: "SOL_USDC", bid, ask, price: bid, volume: "1", timestamp: 1_700_000_000_000, source: "simulator" };
    return trading.applyMarketUpdate(update);
  };
  return { ledger, onFatal, trading, quote };
}

describe("TradingService", () => {
  it("createAccount should write the funded account and the alongside rows in one ledger change", () => {
    const { ledger, trading } = setup();
    const alongside = vi.fn();
    const result = trading.createAccount("u1", 1, alongside);
    expect(result.ok).toBe(true);
    expect(alongside).toHaveBeenCalledTimes(1);
    expect(ledger.changes).toHaveLength(1);
    expect(ledger.changes[0]?.accounts.map((a) => [a.accountId, a.usd])).toEqual([["u1", "10000.00"]]);
    expect(ledger.changes[0]?.stateHash).toBe(trading.stateHash());
  });

  it("business rejections should come back as values, not exceptions, and write nothing", async () => {
    const { ledger, trading, quote } = setup();
    trading.createAccount("u1", 1, () => undefined);
    const noPrice = await trading.openPosition("u1", OPEN);
    expect(noPrice).toMatchObject({ ok: false, code: "PRICE_UNAVAILABLE" });
    quote("150.49", "150.51");
    expect(await trading.openPosition("u1", { ...OPEN, margin: "10000.01" })).toMatchObject({ ok: false, code: "INSUFFICIENT_FUNDS" });
    expect(await trading.closePosition("u1", { positionId: "nope" })).toMatchObject({ ok: false, code: "POSITION_NOT_FOUND" });
    expect(ledger.changes).toHaveLength(1);
  });

  it("open and close should return presented positions and persist each change", async () => {
    const { ledger, trading, quote } = setup();
    trading.createAccount("u1", 1, () => undefined);
    quote("150.49", "150.51");
    const opened = await trading.openPosition("u1", OPEN);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.value).toMatchObject({ replayed: false, position: { asset: "SOL", entryPrice: 150.51, margin: 1000 } });
    expect(trading.holdsMarket("u1", "SOL_USDC")).toBe(true);
    expect(trading.holdsMarket("u1", "BTC_USDC")).toBe(false);
    const closed = await trading.closePosition("u1", { positionId: opened.value.position.positionId });
    expect(closed).toMatchObject({ ok: true, value: { message: "Position closed successfully", realizedPnL: -0.27 } });
    expect(ledger.changes).toHaveLength(3);
    expect(trading.state("u1")?.balances.USD).toBe(9999.73);
    expect(trading.state("nobody")).toBeNull();
  });

  it("quote should present the latest quote as a tick, and be null before the first one", () => {
    const { trading, quote } = setup();
    expect(trading.quote("SOL_USDC")).toBeNull();
    expect(quote("150.49", "150.51")).toBe(true);
    expect(trading.quote("SOL_USDC")).toEqual({ symbol: "SOL_USDC", bid: 150.49, ask: 150.51, price: 150.49, timestamp: 1_700_000_000_000 });
    expect(quote("abc", "150.51")).toBe(false);
  });

  it("a refused ledger write should call onFatal and throw LedgerWriteError, not a business rejection", () => {
    const { ledger, onFatal, trading } = setup();
    ledger.failing = true;
    expect(() => trading.createAccount("u1", 1, () => undefined)).toThrow(LedgerWriteError);
    expect(onFatal).toHaveBeenCalledTimes(1);
  });

  it("orders of one event-loop turn should be written in one transaction, a rejection not failing the others", async () => {
    const { ledger, trading, quote } = setup();
    trading.createAccount("u1", 1, () => undefined);
    quote("150.49", "150.51");
    const before = ledger.transactions;
    const results = await Promise.all([
      trading.openPosition("u1", OPEN),
      trading.openPosition("u1", { ...OPEN, margin: "10000.01" }),
      trading.openPosition("u1", OPEN),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(ledger.transactions - before).toBe(1);
    expect(ledger.lastStateHash()).toBe(trading.stateHash());
  });

  it("a batch that fails to commit should reject every order of it with LedgerWriteError", async () => {
    const { ledger, onFatal, trading, quote } = setup();
    trading.createAccount("u1", 1, () => undefined);
    quote("150.49", "150.51");
    ledger.failing = true;
    const settled = await Promise.allSettled([trading.openPosition("u1", OPEN), trading.openPosition("u1", OPEN)]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
    for (const s of settled) if (s.status === "rejected") expect(s.reason).toBeInstanceOf(LedgerWriteError);
    expect(onFatal).toHaveBeenCalledTimes(1);
  });
});
