import { describe, expect, it } from "vitest";
import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineConfig,
  type EngineEvent,
  type Order,
  type PlaceOrderCommand,
} from "./engine";
import { checkInvariants } from "./invariants";
import { parsePrice, parseUsd } from "./money";
import type { EngineSnapshot } from "./snapshot";

const config: EngineConfig = {
  markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  priceBandBp: 0,
};
const T0 = 1_700_000_000_000;

function quote(engine: Engine, bid: string, ask: string, at: number) {
  return engine.execute({
    type: "applyQuote",
    symbol: "SOL_USDC",
    bid: parsePrice(bid),
    ask: parsePrice(ask),
    price: parsePrice(bid),
    timestamp: at,
    at,
  });
}

function setup(): Engine {
  const engine = createEngine(config);
  engine.execute({ type: "createAccount", accountId: "alice", at: T0 });
  engine.execute({ type: "createAccount", accountId: "bob", at: T0 });
  quote(engine, "150.00", "150.10", T0);
  return engine;
}

function place(engine: Engine, over: Partial<PlaceOrderCommand> = {}) {
  return engine.execute({
    type: "placeOrder",
    accountId: "alice",
    orderId: "o1",
    symbol: "SOL_USDC",
    side: "long",
    orderType: "limit",
    price: parsePrice("148"),
    margin: parseUsd("1000"),
    leverage: 10,
    at: T0 + 1,
    ...over,
  });
}

function placeOk(engine: Engine, over: Partial<PlaceOrderCommand> = {}): Order {
  const out = place(engine, over);
  if (!out.result.ok) throw new Error(`place rejected: ${out.result.code} ${out.result.message}`);
  return out.result.value.order;
}

function updates(events: EngineEvent[]): Order[] {
  return events.flatMap((e) => (e.type === "orderUpdated" ? [e.order] : []));
}

const usd = (engine: Engine, id = "alice") => engine.getAccount(id)?.balances.USD;

describe("pending orders", () => {
  it("placing should reserve the margin: out of balance and free margin, still in equity", () => {
    const engine = setup();
    const order = placeOk(engine);
    expect(order).toMatchObject({ status: "open", price: parsePrice("148"), positionId: null });
    expect(engine.accountSummary("alice")).toMatchObject({
      balance: parseUsd("9000"),
      orderMargin: parseUsd("1000"),
      equity: parseUsd("10000"),
      freeMargin: parseUsd("9000"),
      usedMargin: parseUsd("0"),
    });
    expect(engine.getOpenOrders("alice")).toEqual([order]);
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("a price on the wrong side of the quote should be INVALID_ORDER_PRICE, for all four kinds", () => {
    const engine = setup();
    // bid 150.00, ask 150.10
    const cases = [
      { side: "long", orderType: "limit", price: "150.10" },
      { side: "long", orderType: "stop", price: "150.10" },
      { side: "short", orderType: "limit", price: "150.00" },
      { side: "short", orderType: "stop", price: "150.00" },
    ] as const;
    for (const c of cases) {
      const out = place(engine, {
        side: c.side,
        orderType: c.orderType,
        price: parsePrice(c.price),
      });
      expect(out.result).toMatchObject({ ok: false, code: "INVALID_ORDER_PRICE" });
    }
    expect(usd(engine)).toBe(parseUsd("10000"));
  });

  it("placement should refuse a margin beyond the free margin, stops invalid at the order price, a stale quote", () => {
    const engine = setup();
    expect(place(engine, { margin: parseUsd("10000.01") }).result).toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    // At 148 with 10x the liquidation price is 133.2: a stop loss below it could never fire.
    expect(place(engine, { stopLoss: parsePrice("130") }).result).toMatchObject({
      code: "INVALID_STOPS",
    });
    expect(place(engine, { takeProfit: parsePrice("147") }).result).toMatchObject({
      code: "INVALID_STOPS",
    });
    expect(place(engine, { expiresAt: T0 + 1 }).result).toMatchObject({ code: "INVALID_REQUEST" });
    expect(place(engine, { at: T0 + 10_001 }).result).toMatchObject({ code: "PRICE_UNAVAILABLE" });
    expect(
      placeOk(engine, { stopLoss: parsePrice("140"), takeProfit: parsePrice("160") }).stopLoss,
    ).toBe(parsePrice("140"));
  });

  it("a buy limit should fill when the ask reaches its price, at the (better, gapped) ask, with the reserved margin", () => {
    const engine = setup();
    placeOk(engine);
    expect(updates(quote(engine, "148.05", "148.15", T0 + 2).events)).toEqual([]);
    const out = quote(engine, "147.40", "147.50", T0 + 3);
    const [filled] = updates(out.events);
    expect(filled).toMatchObject({ status: "filled", positionId: "o1", updatedAt: T0 + 3 });
    const [position] = engine.getOpenPositions("alice");
    // quantity = 1000 × 10 / 147.50, down to 8 dp
    expect(position).toMatchObject({
      positionId: "o1",
      entryPrice: parsePrice("147.5"),
      quantity: 6_779_661_016n,
      margin: parseUsd("1000"),
      openedAt: T0 + 3,
    });
    expect(engine.accountSummary("alice")).toMatchObject({
      balance: parseUsd("9000"),
      orderMargin: parseUsd("0"),
      usedMargin: parseUsd("1000"),
    });
    expect(engine.getOpenOrders("alice")).toEqual([]);
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("a buy stop should fill on a gap at the gapped ask; sells mirror on the bid", () => {
    const engine = setup();
    placeOk(engine, { orderId: "bs", orderType: "stop", price: parsePrice("152") });
    placeOk(engine, { orderId: "sl", side: "short", orderType: "limit", price: parsePrice("151") });
    placeOk(engine, { orderId: "ss", side: "short", orderType: "stop", price: parsePrice("149") });
    const up = quote(engine, "154.90", "155.00", T0 + 2);
    expect(updates(up.events).map((o) => [o.orderId, o.status])).toEqual([
      ["bs", "filled"],
      ["sl", "filled"],
    ]);
    expect(engine.getPosition("bs")?.entryPrice).toBe(parsePrice("155"));
    // A sell limit at 151 gets the better bid, 154.90.
    expect(engine.getPosition("sl")?.entryPrice).toBe(parsePrice("154.9"));
    const down = quote(engine, "148.00", "148.10", T0 + 3);
    expect(updates(down.events)).toMatchObject([{ orderId: "ss", status: "filled" }]);
    expect(engine.getPosition("ss")?.entryPrice).toBe(parsePrice("148"));
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("a fill whose stop loss the gap already crossed should reject the order with a reason and release the margin", () => {
    const engine = setup();
    placeOk(engine, { stopLoss: parsePrice("145") });
    const out = quote(engine, "144.00", "144.10", T0 + 2);
    const [rejected] = updates(out.events);
    expect(rejected?.status).toBe("rejected");
    expect(rejected?.reason).toMatch(/stop loss/);
    expect(engine.getOpenPositions("alice")).toEqual([]);
    expect(usd(engine)).toBe(parseUsd("10000"));
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("cancel should release the margin exactly; another user's or a finished order is ORDER_NOT_FOUND", () => {
    const engine = setup();
    placeOk(engine, { margin: parseUsd("123.45") });
    expect(
      engine.execute({ type: "cancelOrder", accountId: "bob", orderId: "o1", at: T0 + 2 }).result,
    ).toMatchObject({
      code: "ORDER_NOT_FOUND",
    });
    const out = engine.execute({
      type: "cancelOrder",
      accountId: "alice",
      orderId: "o1",
      at: T0 + 2,
    });
    expect(out.result).toMatchObject({
      ok: true,
      value: { order: { status: "cancelled", updatedAt: T0 + 2 } },
    });
    expect(usd(engine)).toBe(parseUsd("10000"));
    expect(
      engine.execute({ type: "cancelOrder", accountId: "alice", orderId: "o1", at: T0 + 3 }).result,
    ).toMatchObject({
      code: "ORDER_NOT_FOUND",
    });
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("modify should re-key the order: it fills at its new price, not its old one", () => {
    const engine = setup();
    placeOk(engine);
    const bad = engine.execute({
      type: "modifyOrder",
      accountId: "alice",
      orderId: "o1",
      price: parsePrice("151"),
      at: T0 + 2,
    });
    expect(bad.result).toMatchObject({ code: "INVALID_ORDER_PRICE" });
    const out = engine.execute({
      type: "modifyOrder",
      accountId: "alice",
      orderId: "o1",
      price: parsePrice("145"),
      takeProfit: parsePrice("160"),
      at: T0 + 2,
    });
    expect(out.result).toMatchObject({
      ok: true,
      value: { order: { price: parsePrice("145"), takeProfit: parsePrice("160") } },
    });
    expect(updates(quote(engine, "147.00", "147.10", T0 + 3).events)).toEqual([]);
    expect(updates(quote(engine, "144.90", "145.00", T0 + 4).events)).toMatchObject([
      { status: "filled" },
    ]);
    expect(engine.getPosition("o1")?.takeProfit).toBe(parsePrice("160"));
  });

  it("an order should expire at its expiresAt through the clock, and a tick past it should expire it before it can fill", () => {
    const engine = setup();
    placeOk(engine, { orderId: "a", expiresAt: T0 + 1_000 });
    placeOk(engine, { orderId: "b", expiresAt: T0 + 2_000 });
    expect(engine.execute({ type: "expireOrders", at: T0 + 999 }).result).toEqual({
      ok: true,
      value: { orders: [] },
    });
    const clock = engine.execute({ type: "expireOrders", at: T0 + 1_000 });
    expect(clock.result).toMatchObject({
      ok: true,
      value: { orders: [{ orderId: "a", status: "expired" }] },
    });
    // This quote would fill b, but it arrives at b's expiry.
    const tick = quote(engine, "140.00", "140.10", T0 + 2_000);
    expect(updates(tick.events)).toMatchObject([{ orderId: "b", status: "expired" }]);
    expect(engine.getOpenPositions("alice")).toEqual([]);
    expect(usd(engine)).toBe(parseUsd("10000"));
    expect(checkInvariants(engine, T0 + 2_000)).toEqual([]);
  });

  it("a quote already stale on arrival should fill nothing", () => {
    const engine = setup();
    placeOk(engine);
    const late = engine.execute({
      type: "applyQuote",
      symbol: "SOL_USDC",
      bid: parsePrice("140"),
      ask: parsePrice("140.1"),
      price: parsePrice("140"),
      timestamp: T0 + 2,
      at: T0 + 20_000,
    });
    expect(late.result).toMatchObject({ ok: true, value: { applied: false, skipped: "stale" } });
    expect(engine.getOpenOrders("alice")).toHaveLength(1);
  });

  it("cancelAllOrders should cancel every open order of the account and nobody else's", () => {
    const engine = setup();
    placeOk(engine, { orderId: "a" });
    placeOk(engine, { orderId: "b", orderType: "stop", price: parsePrice("160") });
    placeOk(engine, { orderId: "c", accountId: "bob" });
    const out = engine.execute({ type: "cancelAllOrders", accountId: "alice", at: T0 + 5 });
    expect(out.result).toMatchObject({
      ok: true,
      value: { orders: [{ orderId: "a" }, { orderId: "b" }] },
    });
    expect(usd(engine)).toBe(parseUsd("10000"));
    expect(engine.getOpenOrders("bob")).toHaveLength(1);
    expect(checkInvariants(engine)).toEqual([]);
  });

  it("snapshot → JSON → restore should keep open orders: same hash, same fills", () => {
    const live = setup();
    placeOk(live, { orderId: "a", expiresAt: T0 + 5_000 });
    placeOk(live, { orderId: "b", side: "short", orderType: "limit", price: parsePrice("155") });
    const snapshot = JSON.parse(JSON.stringify(live.snapshot())) as EngineSnapshot;
    const restored = restoreEngine(config, snapshot);
    expect(restored.stateHash()).toBe(live.stateHash());
    expect(restored.recomputeStateHash()).toBe(live.stateHash());
    expect(restored.accountSummary("alice")).toEqual(live.accountSummary("alice"));
    const a = quote(live, "147.00", "147.10", T0 + 2);
    const b = quote(restored, "147.00", "147.10", T0 + 2);
    expect(b).toEqual(a);
    expect(restored.stateHash()).toBe(live.stateHash());
  });
});
