import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZOrder, ZStateResponse, type TOrder } from "@repo/shared-types/api";
import { expectError } from "../../test-support/expect-error";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

const BUY_LIMIT = {
  asset: "SOL",
  type: "long",
  orderType: "limit",
  price: 148,
  margin: 1000,
  leverage: 10,
};

describe("order routes", () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "150.00", "150.10", "150.05");
    token = (await t.signup()).token;
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    t.app.http.inject(options);
  const post = (payload: object, who = token) =>
    inject({ method: "POST", url: "/api/v1/orders", headers: t.auth(who), payload });
  const state = async (who = token) =>
    ZStateResponse.parse(
      (await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(who) })).json(),
    );
  const placed = async (payload: object = BUY_LIMIT): Promise<TOrder> => {
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(201);
    return ZOrder.parse(res.json());
  };

  it("POST /orders should reserve the margin and show the order in GET /orders and GET /state", async () => {
    const order = await placed({ ...BUY_LIMIT, price: "148.5", stopLoss: 140, takeProfit: 160 });
    expect(order).toMatchObject({
      status: "open",
      orderType: "limit",
      type: "long",
      price: 148.5,
      margin: 1000,
      stopLoss: 140,
      takeProfit: 160,
      expiresAt: null,
      positionId: null,
      reason: null,
    });
    const s = await state();
    expect(s.orders).toEqual([order]);
    expect(s.balances.USD).toBe(9000);
    expect(s.account).toMatchObject({
      balance: 9000,
      orderMargin: 1000,
      usedMargin: 0,
      equity: 10000,
      freeMargin: 9000,
    });
    const open = (
      await inject({ method: "GET", url: "/api/v1/orders", headers: t.auth(token) })
    ).json<unknown[]>();
    expect(open).toEqual([order]);
  });

  it("a limit or stop on the wrong side of the quote should be 422 INVALID_ORDER_PRICE, bad input 400, no funds 422", async () => {
    expectError(await post({ ...BUY_LIMIT, price: 151 }), "INVALID_ORDER_PRICE");
    expectError(await post({ ...BUY_LIMIT, orderType: "stop", price: 149 }), "INVALID_ORDER_PRICE");
    expectError(await post({ ...BUY_LIMIT, type: "short", price: 149 }), "INVALID_ORDER_PRICE");
    expectError(
      await post({ ...BUY_LIMIT, type: "short", orderType: "stop", price: 151 }),
      "INVALID_ORDER_PRICE",
    );
    expectError(await post({ ...BUY_LIMIT, orderType: "market" }), "INVALID_REQUEST");
    expectError(await post({ ...BUY_LIMIT, price: "1e2" }), "INVALID_REQUEST");
    expectError(await post({ ...BUY_LIMIT, expiresAt: 1.5 }), "INVALID_REQUEST");
    expectError(await post({ ...BUY_LIMIT, expiresAt: 1_000 }), "INVALID_REQUEST");
    expectError(await post({ ...BUY_LIMIT, entryPrice: 1 }), "INVALID_REQUEST");
    expectError(await post({ ...BUY_LIMIT, margin: 10_000.01 }), "INSUFFICIENT_FUNDS");
    expectError(await post({ ...BUY_LIMIT, stopLoss: 149 }), "INVALID_STOPS");
    expectError(await post({ ...BUY_LIMIT, asset: "BTC" }), "PRICE_UNAVAILABLE");
    expect((await state()).balances.USD).toBe(10000);
  });

  it("a buy limit should fill when the ask falls through it, at that ask, and the position should appear", async () => {
    const order = await placed();
    t.quote("SOL_USDC", "147.40", "147.50");
    const s = await state();
    expect(s.orders).toEqual([]);
    expect(s.positions).toHaveLength(1);
    expect(s.positions[0]).toMatchObject({
      positionId: order.orderId,
      entryPrice: 147.5,
      margin: 1000,
      leverage: 10,
      quantity: 67.79661016,
    });
    expect(s.account).toMatchObject({ balance: 9000, orderMargin: 0, usedMargin: 1000 });
    const history = (
      await inject({ method: "GET", url: "/api/v1/orders/history", headers: t.auth(token) })
    )
      .json<unknown[]>()
      .map((o) => ZOrder.parse(o));
    expect(history[0]).toMatchObject({
      orderId: order.orderId,
      status: "filled",
      positionId: order.orderId,
    });
  });

  it("a buy stop should fill on a gap at the gapped price", async () => {
    await placed({ ...BUY_LIMIT, orderType: "stop", price: 152 });
    t.quote("SOL_USDC", "154.90", "155.00");
    expect((await state()).positions[0]).toMatchObject({ entryPrice: 155 });
  });

  it("PATCH should change price, stops and expiry; DELETE should cancel and release the margin; history keeps both", async () => {
    const order = await placed();
    const url = `/api/v1/orders/${order.orderId}`;
    const patched = await inject({
      method: "PATCH",
      url,
      headers: t.auth(token),
      payload: { price: 145, takeProfit: 155, expiresAt: Date.now() + 60_000 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(ZOrder.parse(patched.json())).toMatchObject({
      price: 145,
      takeProfit: 155,
      status: "open",
    });
    expectError(
      await inject({ method: "PATCH", url, headers: t.auth(token), payload: { price: 151 } }),
      "INVALID_ORDER_PRICE",
    );
    expectError(
      await inject({ method: "PATCH", url, headers: t.auth(token), payload: { margin: 5 } }),
      "INVALID_REQUEST",
    );
    const cleared = await inject({
      method: "PATCH",
      url,
      headers: t.auth(token),
      payload: { takeProfit: null, expiresAt: null },
    });
    expect(cleared.json()).toMatchObject({ takeProfit: null, expiresAt: null });
    const cancelled = await inject({ method: "DELETE", url, headers: t.auth(token) });
    expect(cancelled.statusCode).toBe(200);
    expect(ZOrder.parse(cancelled.json())).toMatchObject({ status: "cancelled" });
    expect((await state()).account).toMatchObject({
      balance: 10000,
      orderMargin: 0,
      freeMargin: 10000,
    });
    expectError(await inject({ method: "DELETE", url, headers: t.auth(token) }), "ORDER_NOT_FOUND");
    expectError(
      await inject({ method: "PATCH", url, headers: t.auth(token), payload: { price: 140 } }),
      "ORDER_NOT_FOUND",
    );
    const history = (
      await inject({ method: "GET", url: "/api/v1/orders/history?limit=5", headers: t.auth(token) })
    ).json<TOrder[]>();
    expect(history.map((o) => o.status)).toEqual(["cancelled"]);
  });

  it("another user's order should be 404 ORDER_NOT_FOUND for PATCH and DELETE, and not in their lists", async () => {
    const order = await placed();
    const other = (await t.signup()).token;
    const url = `/api/v1/orders/${order.orderId}`;
    expectError(await inject({ method: "DELETE", url, headers: t.auth(other) }), "ORDER_NOT_FOUND");
    expectError(
      await inject({ method: "PATCH", url, headers: t.auth(other), payload: { price: 140 } }),
      "ORDER_NOT_FOUND",
    );
    expect(
      (await inject({ method: "GET", url: "/api/v1/orders", headers: t.auth(other) })).json(),
    ).toEqual([]);
    expect(
      (
        await inject({ method: "GET", url: "/api/v1/orders/history", headers: t.auth(other) })
      ).json(),
    ).toEqual([]);
    expect((await state()).orders).toHaveLength(1);
  });

  it("a repeated clientOrderId should return the original order; a different body is 409", async () => {
    const body = { ...BUY_LIMIT, clientOrderId: "limit-1" };
    const first = await placed(body);
    const again = await post(body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first);
    expectError(await post({ ...body, price: 147 }), "IDEMPOTENCY_CONFLICT");
    const viaHeader = await inject({
      method: "POST",
      url: "/api/v1/orders",
      headers: { ...t.auth(token), "idempotency-key": "limit-1" },
      payload: BUY_LIMIT,
    });
    expect(viaHeader.json()).toEqual(first);
    // Still the original once it has filled (answered from SQLite).
    t.quote("SOL_USDC", "147.40", "147.50");
    expect((await post(body)).json()).toMatchObject({ orderId: first.orderId, status: "filled" });
    expect((await state()).positions).toHaveLength(1);
  });

  it("an order should expire at expiresAt on the service's clock, releasing its margin", async () => {
    const order = await placed({ ...BUY_LIMIT, expiresAt: Date.now() + 300 });
    await expect.poll(async () => (await state()).orders.length, { timeout: 5_000 }).toBe(0);
    expect((await state()).balances.USD).toBe(10000);
    const history = (
      await inject({ method: "GET", url: "/api/v1/orders/history", headers: t.auth(token) })
    ).json<TOrder[]>();
    expect(history[0]).toMatchObject({ orderId: order.orderId, status: "expired" });
  });

  it("open orders should survive a restart: restore rebuilds the index with the same state hash", async () => {
    const dataDir = t.dataDir;
    const order = await placed();
    const hash = t.app.trading.stateHash();
    await t.app.close();
    t.stores.database.close();
    const restarted = await buildTestApp({ dataDir });
    try {
      expect(restarted.app.trading.stateHash()).toBe(hash);
      restarted.quote("SOL_USDC", "147.40", "147.50");
      const s = ZStateResponse.parse(
        (
          await restarted.app.http.inject({
            method: "GET",
            url: "/api/v1/state",
            headers: restarted.auth(token),
          })
        ).json(),
      );
      expect(s.positions.map((p) => p.positionId)).toEqual([order.orderId]);
    } finally {
      await restarted.close();
    }
    t = await buildTestApp();
  });
});
