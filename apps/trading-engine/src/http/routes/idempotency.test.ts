import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

const ORDER = { asset: "SOL", type: "long", margin: 100, leverage: 2, slippage: 1, currentPrice: 150.5 };

describe("POST /api/v1/positions/open idempotency", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "150.49", "150.51");
  });
  afterEach(async () => {
    await t.close();
  });
  const open = (token: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: { ...t.auth(token), ...headers }, payload });

  it("the same clientOrderId with a different body should be 409 IDEMPOTENCY_CONFLICT, with nothing opened", async () => {
    const { token } = await t.signup();
    const first = await open(token, { ...ORDER, clientOrderId: "order-1" });
    expect(first.statusCode).toBe(201);
    const again = await open(token, { ...ORDER, margin: "100", clientOrderId: "order-1" });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ positionId: first.json<{ positionId: string }>().positionId });
    const conflict = await open(token, { ...ORDER, margin: 200, clientOrderId: "order-1" });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ error: { code: "IDEMPOTENCY_CONFLICT" } });
    const state = (await t.app.http.inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json<{ positions: unknown[]; balances: { USD: number } }>();
    expect(state.positions).toHaveLength(1);
    expect(state.balances.USD).toBe(9900);
  });

  it("ids are per user, and remembered on disk across a restart", async () => {
    const dataDir = t.dataDir;
    const alice = await t.signup();
    const bob = await t.signup();
    expect((await open(alice.token, { ...ORDER, clientOrderId: "shared" })).statusCode).toBe(201);
    expect((await open(bob.token, { ...ORDER, margin: 300, clientOrderId: "shared" })).statusCode).toBe(201);
    expect(t.stores.clientOrders.findClientOrder(alice.userId, "shared")).not.toBeNull();
    await t.app.close();
    t.stores.database.close();
    const restarted = await buildTestApp({ dataDir });
    try {
      restarted.quote("SOL_USDC", "150.49", "150.51");
      const res = await restarted.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: restarted.auth(alice.token), payload: { ...ORDER, leverage: 3, clientOrderId: "shared" } });
      expect(res.statusCode).toBe(409);
    } finally {
      await restarted.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    t = await buildTestApp();
  });

  it("an Idempotency-Key header should act as the clientOrderId", async () => {
    const { token } = await t.signup();
    const first = await open(token, ORDER, { "idempotency-key": "key-7" });
    const again = await open(token, { ...ORDER, clientOrderId: "key-7" });
    expect(again.json()).toMatchObject({ positionId: first.json<{ positionId: string }>().positionId });
    expect((await open(token, { ...ORDER, margin: 5 }, { "idempotency-key": "key-7" })).statusCode).toBe(409);
    expect((await open(token, { ...ORDER, clientOrderId: "other" }, { "idempotency-key": "key-7" })).statusCode).toBe(400);
  });
});
