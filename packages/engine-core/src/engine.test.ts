import { describe, expect, it } from "vitest";
import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineConfig,
  type OpenPositionCommand,
} from "./engine";
import { checkInvariants } from "./invariants";
import { parsePrice, parseUsd } from "./money";

const config: EngineConfig = {
  markets: [
    { symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 },
    { symbol: "BTC_USDC", asset: "BTC", maxLeverage: 100 },
  ],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  // These tests drive single-tick gaps through triggers on purpose; the band has its own tests.
  priceBandBp: 0,
};

const T0 = 1_700_000_000_000;

function quote(engine: Engine, bid: string, ask: string, at = T0, symbol = "SOL_USDC") {
  return engine.execute({
    type: "applyQuote",
    symbol,
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(ask),
    timestamp: at,
    at,
  });
}

function setup(kind: "indexed" | "scan" = "indexed"): Engine {
  const engine = createEngine(config, { triggerIndex: kind });
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  engine.execute({ type: "createAccount", accountId: "bob", at: T0 });
  return engine;
}

function open(engine: Engine, over: Partial<OpenPositionCommand> = {}) {
  return engine.execute({
    type: "openPosition",
    accountId: "alice",
    positionId: "p1",
    symbol: "SOL_USDC",
    side: "long",
    margin: parseUsd("1000"),
    leverage: 2,
    at: T0 + 1,
    ...over,
  });
}

function openOk(engine: Engine, over: Partial<OpenPositionCommand> = {}) {
  const out = open(engine, over);
  if (!out.result.ok) throw new Error(`open rejected: ${out.result.code} ${out.result.message}`);
  return out.result.value.position;
}

function usd(engine: Engine, accountId = "alice"): bigint {
  const account = engine.getAccount(accountId);
  if (account === null) throw new Error("no account");
  return account.balances.USD;
}

describe.each(["indexed", "scan"] as const)("engine (%s trigger finder)", (kind) => {
  it("createAccount should deposit 10,000 USD with a zero SOL balance, once", () => {
    const engine = createEngine(config, { triggerIndex: kind });
    const first = engine.execute({ type: "createAccount", accountId: "a", at: T0 });
    expect(first.result).toMatchObject({ ok: true, value: { created: true } });
    expect(first.events).toEqual([{ type: "accountChanged", accountId: "a" }]);
    const again = engine.execute({ type: "createAccount", accountId: "a", at: T0 + 5 });
    expect(again.result).toMatchObject({ ok: true, value: { created: false } });
    expect(again.events).toEqual([]);
    expect(engine.getAccount("a")).toEqual({
      accountId: "a",
      balances: { USD: 1_000_000n, SOL: 0n },
      deposits: 1_000_000n,
      withdrawals: 0n,
      realizedPnl: 0n,
      createdAt: T0,
    });
  });

  it("the seed example should open 13.28903654 at the ask and mark PnL at the bid", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    const out = open(engine);
    expect(out.result.ok).toBe(true);
    const position = out.result.ok ? out.result.value.position : null;
    expect(position).toMatchObject({
      entryPrice: parsePrice("150.50"),
      quantity: 1_328_903_654n,
      liquidationPrice: parsePrice("75.24999997"),
      asset: "SOL",
      margin: 100_000n,
    });
    expect(out.events.map((e) => e.type)).toEqual(["positionOpened", "accountChanged"]);
    expect(usd(engine)).toBe(parseUsd("9000"));
    if (position === null) return;
    quote(engine, "155.00", "155.10", T0 + 2);
    expect(engine.markPosition(position)).toEqual({
      currentPrice: parsePrice("155"),
      unrealizedPnl: 5980n,
    });
    expect(engine.accountSummary("alice")).toEqual({
      balance: parseUsd("9000"),
      equity: parseUsd("10059.80"),
      usedMargin: parseUsd("1000"),
      orderMargin: parseUsd("0"),
      // Floating profit does not add to free margin (free-margin.ts).
      freeMargin: parseUsd("9000"),
      marginLevel: "1005.98",
      marginLevelBp: 100_598n,
    });
    quote(engine, "145.00", "145.10", T0 + 3);
    expect(engine.markPosition(position)).toEqual({
      currentPrice: parsePrice("145"),
      unrealizedPnl: -7309n,
    });
  });

  it("a short should open at the bid with liquidation at entry·(1 + 1/leverage) and close at the ask", () => {
    const engine = setup(kind);
    quote(engine, "150.50", "150.60");
    const position = openOk(engine, { side: "short" });
    expect(position.entryPrice).toBe(parsePrice("150.50"));
    expect(position.liquidationPrice).toBe(parsePrice("225.75000003"));
    const close = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      at: T0 + 2,
    });
    expect(close.result).toMatchObject({
      ok: true,
      value: {
        position: { closePrice: parsePrice("150.60"), realizedPnl: -133n, reason: "manual" },
      },
    });
    // 0.10 × 13.28903654 = 1.328903654 → 1.33 lost
    expect(usd(engine)).toBe(parseUsd("9998.67"));
    expect(engine.getAccount("alice")?.realizedPnl).toBe(-133n);
  });

  it("a manual close of a long should fill at the bid and credit margin + PnL", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    openOk(engine);
    quote(engine, "155.00", "155.10", T0 + 2);
    const close = engine.execute({
      type: "closePosition",
      accountId: "alice",
      positionId: "p1",
      at: T0 + 3,
    });
    expect(close.result).toMatchObject({
      ok: true,
      value: { position: { closePrice: parsePrice("155"), realizedPnl: 5980n } },
    });
    expect(close.events.map((e) => e.type)).toEqual(["positionClosed", "accountChanged"]);
    expect(usd(engine)).toBe(parseUsd("10059.80"));
    expect(engine.getOpenPositions("alice")).toEqual([]);
  });

  it("a tick at exactly the stored liquidation price should liquidate, one unit above should not", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    const position = openOk(engine);
    const above = quote(engine, "75.24999998", "75.3", T0 + 2);
    expect(above.result).toMatchObject({ ok: true, value: { closed: [] } });
    expect(engine.getOpenPositions("alice")).toHaveLength(1);
    const at = quote(engine, "75.24999997", "75.3", T0 + 3);
    expect(at.result).toMatchObject({
      ok: true,
      value: {
        closed: [
          {
            positionId: "p1",
            reason: "liquidation",
            closePrice: position.liquidationPrice,
            realizedPnl: -100_000n,
          },
        ],
      },
    });
    expect(usd(engine)).toBe(parseUsd("9000"));
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("a gap through the liquidation price should fill at the tick's price with the loss capped at margin", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    openOk(engine);
    openOk(engine, { positionId: "s1", side: "short", leverage: 10 });
    const gap = quote(engine, "40.00", "40.10", T0 + 2);
    const closed = gap.result.ok ? gap.result.value.closed : [];
    expect(closed).toMatchObject([
      {
        positionId: "p1",
        reason: "liquidation",
        closePrice: parsePrice("40"),
        realizedPnl: -100_000n,
      },
    ]);
    const up = quote(engine, "300", "300.10", T0 + 3);
    expect(up.result.ok ? up.result.value.closed : []).toMatchObject([
      {
        positionId: "s1",
        reason: "liquidation",
        closePrice: parsePrice("300.10"),
        realizedPnl: -100_000n,
      },
    ]);
    expect(usd(engine)).toBe(parseUsd("8000"));
    expect(engine.getAccount("alice")?.realizedPnl).toBe(parseUsd("-2000"));
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("stop loss and take profit should fire on the closing side for longs", () => {
    const engine = setup(kind);
    quote(engine, "100", "100");
    openOk(engine, { positionId: "sl", stopLoss: parsePrice("95"), takeProfit: parsePrice("120") });
    openOk(engine, { positionId: "tp", stopLoss: parsePrice("90"), takeProfit: parsePrice("110") });
    // ask crosses nothing for a long: only the bid counts.
    expect(quote(engine, "96", "94", T0 + 2).result.ok).toBe(false); // bid > ask is refused
    expect(quote(engine, "95.01", "96", T0 + 2).result).toMatchObject({
      ok: true,
      value: { closed: [] },
    });
    const sl = quote(engine, "94.5", "94.6", T0 + 3);
    expect(sl.result).toMatchObject({
      ok: true,
      value: {
        closed: [{ positionId: "sl", reason: "stop_loss", closePrice: parsePrice("94.5") }],
      },
    });
    const tp = quote(engine, "111", "111.1", T0 + 4);
    expect(tp.result).toMatchObject({
      ok: true,
      value: {
        closed: [
          {
            positionId: "tp",
            reason: "take_profit",
            closePrice: parsePrice("111"),
            realizedPnl: 22_000n,
          },
        ],
      },
    });
  });

  it("stop loss and take profit should fire on the ask for shorts", () => {
    const engine = setup(kind);
    quote(engine, "100", "100");
    openOk(engine, {
      positionId: "sl",
      side: "short",
      stopLoss: parsePrice("105"),
      takeProfit: parsePrice("80"),
    });
    openOk(engine, {
      positionId: "tp",
      side: "short",
      stopLoss: parsePrice("110"),
      takeProfit: parsePrice("90"),
    });
    expect(quote(engine, "105", "104.99", T0 + 2).result.ok).toBe(false);
    expect(quote(engine, "104", "104.99", T0 + 2).result).toMatchObject({
      ok: true,
      value: { closed: [] },
    });
    expect(quote(engine, "104", "105", T0 + 3).result).toMatchObject({
      ok: true,
      value: {
        closed: [
          {
            positionId: "sl",
            reason: "stop_loss",
            closePrice: parsePrice("105"),
            realizedPnl: -10_000n,
          },
        ],
      },
    });
    expect(quote(engine, "89", "89.5", T0 + 4).result).toMatchObject({
      ok: true,
      value: {
        closed: [
          {
            positionId: "tp",
            reason: "take_profit",
            closePrice: parsePrice("89.5"),
            realizedPnl: 21_000n,
          },
        ],
      },
    });
  });

  it("a tick beyond both the stop loss and the liquidation price should report a liquidation", () => {
    const engine = setup(kind);
    quote(engine, "100", "100");
    openOk(engine, { positionId: "a", leverage: 10, stopLoss: parsePrice("95") }); // liq ≈ 90
    openOk(engine, { positionId: "b", leverage: 10, stopLoss: parsePrice("95"), at: T0 + 2 });
    const out = quote(engine, "92", "92.1", T0 + 3);
    expect(out.result).toMatchObject({
      ok: true,
      value: { closed: [{ positionId: "a", reason: "stop_loss" }, { positionId: "b" }] },
    });
    engine.execute({ type: "createAccount", accountId: "c", at: T0 });
    quote(engine, "100", "100", T0 + 4);
    openOk(engine, {
      accountId: "c",
      positionId: "c1",
      leverage: 10,
      stopLoss: parsePrice("95"),
      at: T0 + 5,
    });
    const gap = quote(engine, "80", "80.1", T0 + 6);
    expect(gap.result).toMatchObject({
      ok: true,
      value: { closed: [{ positionId: "c1", reason: "liquidation", realizedPnl: -100_000n }] },
    });
  });

  it("stops on the wrong side of entry, the bid/ask or the liquidation price should be INVALID_STOPS", () => {
    const engine = setup(kind);
    quote(engine, "99", "100");
    const cases: Partial<OpenPositionCommand>[] = [
      { stopLoss: parsePrice("100") }, // long SL not below entry
      { stopLoss: parsePrice("99.5") }, // long SL above the bid: would fire at once
      { leverage: 2, stopLoss: parsePrice("40") }, // below liquidation (~50): would never fire
      { takeProfit: parsePrice("100") }, // long TP not above entry
      { side: "short", stopLoss: parsePrice("99") },
      { side: "short", stopLoss: parsePrice("99.5") }, // below the ask
      { side: "short", leverage: 2, stopLoss: parsePrice("160") }, // beyond liquidation (~148.5)
      { side: "short", takeProfit: parsePrice("99") },
    ];
    for (const c of cases) {
      expect(
        open(engine, c).result,
        JSON.stringify(c, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
      ).toMatchObject({
        ok: false,
        code: "INVALID_STOPS",
      });
    }
    expect(usd(engine)).toBe(parseUsd("10000"));
  });

  it("business rejections should be values with the contract's codes", () => {
    const engine = setup(kind);
    expect(open(engine).result).toMatchObject({ ok: false, code: "PRICE_UNAVAILABLE" });
    quote(engine, "150.40", "150.50");
    expect(open(engine, { at: T0 + 10_001 }).result).toMatchObject({
      ok: false,
      code: "PRICE_UNAVAILABLE",
    });
    expect(open(engine, { at: T0 + 10_000 }).result.ok).toBe(true);
    expect(open(engine, { positionId: "p2", margin: parseUsd("9000.01") }).result).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_FUNDS",
    });
    expect(open(engine, { positionId: "p2", leverage: 101 }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { positionId: "p2", leverage: 0 }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { positionId: "p2", leverage: 1.5 }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { positionId: "p2", symbol: "DOGE_USDC" }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { positionId: "p2", margin: parseUsd("0") }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { positionId: "p1" }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    expect(open(engine, { accountId: "nobody", positionId: "p2" }).result).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(open(engine, { positionId: "p2", slippagePct: "abc" }).result).toMatchObject({
      ok: false,
      code: "INVALID_REQUEST",
    });
    // Slippage: ask 150.50 vs client 149 is 1.0067 % away.
    expect(
      open(engine, { positionId: "p2", currentPrice: parsePrice("149") }).result,
    ).toMatchObject({ ok: false, code: "SLIPPAGE_EXCEEDED" });
    expect(
      open(engine, { positionId: "p2", currentPrice: parsePrice("149"), slippagePct: "1.01" })
        .result.ok,
    ).toBe(true);
    expect(
      open(engine, { positionId: "p3", currentPrice: parsePrice("150.45"), slippagePct: "0.01" })
        .result,
    ).toMatchObject({
      ok: false,
      code: "SLIPPAGE_EXCEEDED",
    });
    // Spread wider than the margin at 100×: bid 148 ≤ liquidation ≈ 149.
    quote(engine, "148", "150.50", T0 + 20);
    expect(open(engine, { positionId: "p4", leverage: 100, at: T0 + 20 }).result).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_FUNDS",
    });
  });

  it("closing someone else's or an unknown position should be POSITION_NOT_FOUND; stale prices PRICE_UNAVAILABLE", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    openOk(engine);
    const close = (over: object) =>
      engine.execute({
        type: "closePosition",
        accountId: "alice",
        positionId: "p1",
        at: T0 + 2,
        ...over,
      }).result;
    expect(close({ accountId: "bob" })).toMatchObject({ ok: false, code: "POSITION_NOT_FOUND" });
    expect(close({ positionId: "nope" })).toMatchObject({ ok: false, code: "POSITION_NOT_FOUND" });
    expect(close({ at: T0 + 20_000 })).toMatchObject({ ok: false, code: "PRICE_UNAVAILABLE" });
    expect(close({ currentPrice: parsePrice("152"), slippagePct: "0.5" })).toMatchObject({
      ok: false,
      code: "SLIPPAGE_EXCEEDED",
    });
    expect(close({}).ok).toBe(true);
    expect(close({})).toMatchObject({ ok: false, code: "POSITION_NOT_FOUND" });
  });

  it("a clientOrderId repeated while its position is open should return it, and be forgotten once it closed", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    const original = openOk(engine, { clientOrderId: "order-1" });
    const again = open(engine, {
      positionId: "p2",
      clientOrderId: "order-1",
      margin: parseUsd("5"),
    });
    expect(again.result).toEqual({ ok: true, value: { replayed: true, position: original } });
    expect(again.events).toEqual([]);
    expect(usd(engine)).toBe(parseUsd("9000"));
    // Another account may use the same clientOrderId.
    expect(
      open(engine, { accountId: "bob", positionId: "b1", clientOrderId: "order-1" }).result,
    ).toMatchObject({
      ok: true,
      value: { replayed: false },
    });
    // The replay survives snapshot → restore while the position is open.
    const restored = restoreEngine(config, JSON.parse(JSON.stringify(engine.snapshot())) as never, {
      triggerIndex: kind,
    });
    expect(open(restored, { positionId: "p4", clientOrderId: "order-1" }).result).toMatchObject({
      ok: true,
      value: { replayed: true, position: { positionId: "p1" } },
    });
    // Closed, it leaves nothing behind: the service remembers the id (on disk), not the engine.
    const retained = engine.retainedEntryCount();
    engine.execute({ type: "closePosition", accountId: "alice", positionId: "p1", at: T0 + 2 });
    expect(engine.retainedEntryCount()).toBe(retained - 2);
    expect(engine.getPosition("p1")).toBeNull();
    expect(engine.snapshot().openPositions.map((p) => p.positionId)).toEqual(["b1"]);
    expect(open(engine, { positionId: "p3", clientOrderId: "order-1" }).result).toMatchObject({
      ok: true,
      value: { replayed: false, position: { positionId: "p3" } },
    });
  });

  it("retained entries should stay flat over 100k opened and closed positions with clientOrderIds", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    openOk(engine, { positionId: "kept", clientOrderId: "kept" });
    const baseline = engine.retainedEntryCount();
    for (let i = 0; i < 100_000; i++) {
      const positionId = `p${i}`;
      openOk(engine, { positionId, clientOrderId: `order-${i}`, margin: parseUsd("10") });
      engine.execute({ type: "closePosition", accountId: "alice", positionId, at: T0 + 2 });
      if (i % 10_000 === 0) expect(engine.retainedEntryCount()).toBe(baseline);
    }
    expect(engine.retainedEntryCount()).toBe(baseline);
    expect(engine.snapshot().openPositions.map((p) => p.positionId)).toEqual(["kept"]);
    expect(engine.stateHash()).toBe(engine.recomputeStateHash());
  });

  it("an older quote (exchange time) should be ignored", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50", T0 + 10);
    const old = quote(engine, "1", "1.1", T0 + 5);
    expect(old.result).toEqual({
      ok: true,
      value: { applied: false, skipped: "older", closed: [], orders: [], alerts: [] },
    });
    expect(engine.getQuote("SOL_USDC")?.bid).toBe(parsePrice("150.40"));
  });

  it("snapshot → JSON → restore should give an identical state hash and identical behaviour", () => {
    const engine = setup(kind);
    quote(engine, "150.40", "150.50");
    quote(engine, "30000", "30001", T0, "BTC_USDC");
    openOk(engine, {
      clientOrderId: "x",
      stopLoss: parsePrice("140"),
      takeProfit: parsePrice("170"),
    });
    openOk(engine, {
      positionId: "p2",
      side: "short",
      accountId: "bob",
      symbol: "BTC_USDC",
      leverage: 50,
    });
    const snap = JSON.parse(JSON.stringify(engine.snapshot())) as ReturnType<Engine["snapshot"]>;
    const restored = restoreEngine(config, snap, { triggerIndex: kind });
    expect(restored.stateHash()).toBe(engine.stateHash());
    expect(restored.stateHash()).toMatch(/^[0-9a-f]{16}$/);
    const a = quote(engine, "139", "139.1", T0 + 5);
    const b = quote(restored, "139", "139.1", T0 + 5);
    expect(b).toEqual(a);
    expect(restored.stateHash()).toBe(engine.stateHash());
    // The hash sees ledger changes.
    const before = engine.stateHash();
    engine.execute({ type: "createAccount", accountId: "carol", at: T0 });
    expect(engine.stateHash()).not.toBe(before);
  });

  it("the same state reached through different command orders should have the same hash", () => {
    const build = (accounts: string[], positions: Partial<OpenPositionCommand>[]): Engine => {
      const engine = createEngine(config, { triggerIndex: kind });
      for (const accountId of accounts)
        engine.execute({ type: "createAccount", accountId, at: T0 });
      quote(engine, "150.40", "150.50");
      for (const p of positions) openOk(engine, p);
      return engine;
    };
    const p1 = { positionId: "p1", accountId: "alice", clientOrderId: "c1" };
    const p2 = { positionId: "p2", accountId: "bob", side: "short" as const, leverage: 10 };
    const p3 = { positionId: "p3", accountId: "alice", takeProfit: parsePrice("170") };
    const a = build(["alice", "bob"], [p1, p2, p3]);
    const b = build(["bob", "alice"], [p3, p2, p1]);
    expect(b.listAccountIds()).not.toEqual(a.listAccountIds());
    expect(b.stateHash()).toBe(a.stateHash());
    // Closing in different orders (a clientOrderId position included) still agrees.
    for (const id of ["p1", "p2"])
      a.execute({
        type: "closePosition",
        accountId: id === "p1" ? "alice" : "bob",
        positionId: id,
        at: T0 + 2,
      });
    for (const id of ["p2", "p1"])
      b.execute({
        type: "closePosition",
        accountId: id === "p1" ? "alice" : "bob",
        positionId: id,
        at: T0 + 2,
      });
    expect(b.stateHash()).toBe(a.stateHash());
    expect(a.stateHash()).toBe(a.recomputeStateHash());
    // …and any ledger difference (one position fewer) shows.
    const c = build(["alice", "bob"], [p1, p2]);
    expect(c.stateHash()).not.toBe(build(["alice", "bob"], [p1, p2, p3]).stateHash());
  });

  it("the maintained hash should equal the recomputed one through opens, closes, triggers and restore", () => {
    const engine = setup(kind);
    const agree = () => {
      expect(engine.stateHash()).toMatch(/^[0-9a-f]{16}$/);
      expect(engine.stateHash()).toBe(engine.recomputeStateHash());
    };
    agree();
    quote(engine, "150.40", "150.50");
    openOk(engine, { clientOrderId: "x", takeProfit: parsePrice("160") });
    openOk(engine, { positionId: "p2", accountId: "bob", side: "short", leverage: 100 });
    agree();
    const before = engine.stateHash();
    quote(engine, "161", "162", T0 + 3); // TP of p1 (it has a clientOrderId), p2 liquidated
    expect(engine.openPositionCount()).toBe(0);
    expect(engine.stateHash()).not.toBe(before);
    agree();
    const restored = restoreEngine(config, engine.snapshot(), { triggerIndex: kind });
    expect(restored.stateHash()).toBe(engine.stateHash());
    expect(restored.recomputeStateHash()).toBe(engine.stateHash());
  });
});
