import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ZCloseAllResponse,
  ZClosedPosition,
  ZClosePositionResponse,
  ZPosition,
  ZStateResponse,
  type TPosition,
} from "@repo/shared-types/api";
import { parsePrice, parseQty } from "@repo/engine-core/money";
import { openSqliteStores } from "../../adapters/sqlite/open-sqlite-stores";
import { expectError } from "../../test-support/expect-error";
import { buildTestApp, type TestApp } from "../../test-support/test-app";
import { engineConfig, restoreEngineFromStore } from "../../trading/restore-engine";

describe("position management routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "100", "100");
    t.quote("BTC_USDC", "30000", "30000");
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);
  const open = async (token: string, body: Record<string, unknown> = {}): Promise<TPosition> => {
    const res = await inject({
      method: "POST",
      url: "/api/v1/positions/open",
      headers: t.auth(token),
      payload: { asset: "SOL", type: "long", margin: 1000, leverage: 10, ...body },
    });
    expect(res.statusCode).toBe(201);
    return ZPosition.parse(res.json());
  };
  const patch = (token: string, positionId: string, payload: unknown) =>
    inject({ method: "PATCH", url: `/api/v1/positions/${positionId}`, headers: t.auth(token), payload: payload as object });
  const state = async (token: string) =>
    ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());

  it("a browser on WEB_ORIGIN should be allowed to PATCH (CORS preflight)", async () => {
    const res = await inject({
      method: "OPTIONS",
      url: "/api/v1/positions/abc",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "PATCH" },
    });
    expect(res.headers["access-control-allow-methods"]).toContain("PATCH");
  });

  it("PATCH should set and clear stop loss and take profit, and an absent field should stay", async () => {
    const { token } = await t.signup();
    const p = await open(token);
    expect(p.trailingStop).toBeNull();
    const set = await patch(token, p.positionId, { stopLoss: "95", takeProfit: 120 });
    expect(set.statusCode).toBe(200);
    expect(ZPosition.parse(set.json())).toMatchObject({ stopLoss: 95, takeProfit: 120, trailingStop: null });
    const cleared = await patch(token, p.positionId, { takeProfit: null });
    expect(cleared.json()).toMatchObject({ stopLoss: 95, takeProfit: null });
    expect((await state(token)).positions[0]).toMatchObject({ stopLoss: 95, takeProfit: null });
  });

  it("PATCH should refuse crossed levels and levels beyond liquidation with 422 INVALID_STOPS", async () => {
    const { token } = await t.signup();
    const p = await open(token); // liquidation 90
    expectError(await patch(token, p.positionId, { stopLoss: 100 }), "INVALID_STOPS");
    expectError(await patch(token, p.positionId, { stopLoss: 89 }), "INVALID_STOPS");
    expectError(await patch(token, p.positionId, { takeProfit: 99 }), "INVALID_STOPS");
    expectError(await patch(token, p.positionId, { trailingStop: { distance: 10 } }), "INVALID_STOPS");
    expect((await state(token)).positions[0]).toMatchObject({ stopLoss: null, takeProfit: null, trailingStop: null });
  });

  it("PATCH should answer 400 for bad bodies and 404 POSITION_NOT_FOUND for another user's position", async () => {
    const alice = await t.signup();
    const bob = await t.signup();
    const p = await open(alice.token);
    expectError(await patch(alice.token, p.positionId, { stopLoss: "9e1" }), "INVALID_REQUEST");
    expectError(await patch(alice.token, p.positionId, { trailingStop: { distance: 0 } }), "INVALID_REQUEST");
    expectError(await patch(alice.token, p.positionId, { leverage: 5 }), "INVALID_REQUEST");
    expectError(await patch(bob.token, p.positionId, { stopLoss: 95 }), "POSITION_NOT_FOUND");
    expectError(await patch(alice.token, "nope", { stopLoss: 95 }), "POSITION_NOT_FOUND");
  });

  it("a trailing stop should follow the price up, never back, and close with reason trailing_stop", async () => {
    const { token } = await t.signup();
    const p = await open(token);
    const set = await patch(token, p.positionId, { trailingStop: { distance: "2" } });
    expect(set.json()).toMatchObject({ trailingStop: { distance: 2, level: 98 } });
    t.quote("SOL_USDC", "105", "105");
    t.quote("SOL_USDC", "104", "104");
    expect((await state(token)).positions[0]?.trailingStop).toEqual({ distance: 2, level: 103 });
    t.quote("SOL_USDC", "102.5", "102.5");
    expect((await state(token)).positions).toEqual([]);
    const history = await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) });
    expect(ZClosedPosition.array().parse(history.json())[0]).toMatchObject({
      closeReason: "trailing_stop",
      closePrice: 102.5,
      trailingStop: { distance: 2, level: 103 },
    });
  });

  it("close with quantity should close that part, keep the rest open, and history should keep the part", async () => {
    const { token } = await t.signup();
    const p = await open(token, { leverage: 3 }); // 30 SOL at 100
    t.quote("SOL_USDC", "101", "101");
    const res = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId, quantity: "10" } });
    expect(res.statusCode).toBe(200);
    const body = ZClosePositionResponse.parse(res.json());
    expect(body).toMatchObject({
      realizedPnL: 10,
      position: { positionId: p.positionId, quantity: 10, margin: 333.33, closeReason: "manual" },
      remaining: { positionId: p.positionId, quantity: 20, margin: 666.67, entryPrice: 100 },
    });
    const s = await state(token);
    expect(s.positions).toEqual([expect.objectContaining({ quantity: 20, margin: 666.67, liquidationPrice: body.remaining?.liquidationPrice })]);
    expect(s.balances.USD).toBe(9000 + 333.33 + 10);
    const whole = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId } });
    expect(whole.json()).toMatchObject({ remaining: null, position: { quantity: 20 } });
    const history = ZClosedPosition.array().parse((await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) })).json());
    expect(history.map((h) => [h.positionId, h.quantity])).toEqual([
      [p.positionId, 20],
      [p.positionId, 10],
    ]);
  });

  it("the socket should hear position:closed for each closed part and account:state after a stop edit", async () => {
    const { token, userId } = await t.signup();
    const p = await open(token, { leverage: 3 });
    const events: string[] = [];
    t.app.trading.onEvent((event) => {
      if (event.type === "positionClosed") events.push(`closed:${event.position.quantity}`);
      else if (event.type === "accountChanged" && event.accountId === userId) events.push("state");
    });
    await patch(token, p.positionId, { stopLoss: 95 });
    expect(events).toEqual(["state"]);
    events.length = 0;
    await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId, quantity: 10 } });
    await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId } });
    expect(events.filter((e) => e.startsWith("closed"))).toEqual(["closed:10", "closed:20"]);
    expect(events).toContain("state");
  });

  it("close with a bad quantity should be 400 INVALID_REQUEST, with too much 422 INVALID_QUANTITY", async () => {
    const { token } = await t.signup();
    const p = await open(token); // 100 SOL
    const close = (quantity: unknown) =>
      inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId, quantity } });
    expectError(await close(0), "INVALID_REQUEST");
    expectError(await close(-1), "INVALID_REQUEST");
    expectError(await close("1.123456789"), "INVALID_REQUEST");
    expectError(await close("100.00000001"), "INVALID_QUANTITY");
    expect((await state(token)).positions[0]?.quantity).toBe(100);
    const all = await close(100);
    expect(all.json()).toMatchObject({ remaining: null });
  });

  it("close-all with a filter should close the profitable ones in one reply and leave the losing ones", async () => {
    const { token } = await t.signup();
    const long = await open(token);
    const short = await open(token, { type: "short" });
    const btc = await open(token, { asset: "BTC" });
    t.quote("SOL_USDC", "101", "101");
    const res = await inject({ method: "POST", url: "/api/v1/positions/close-all", headers: t.auth(token), payload: { filter: "profitable" } });
    expect(res.statusCode).toBe(200);
    const body = ZCloseAllResponse.parse(res.json());
    expect(body.closed.map((c) => [c.positionId, c.closeReason])).toEqual([[long.positionId, "manual"]]);
    expect(body.realizedPnL).toBe(100);
    expect((await state(token)).positions.map((p) => p.positionId).sort()).toEqual([short.positionId, btc.positionId].sort());
    const rest = await inject({ method: "POST", url: "/api/v1/positions/close-all", headers: t.auth(token) });
    expect(ZCloseAllResponse.parse(rest.json()).closed).toHaveLength(2);
    expect((await state(token)).positions).toEqual([]);
    expectError(await inject({ method: "POST", url: "/api/v1/positions/close-all", headers: t.auth(token), payload: { filter: "winners" } }), "INVALID_REQUEST");
  });

  it("every change should survive a restart: trailing stops, partial closes and the state hash", async () => {
    const { token, userId } = await t.signup();
    const p = await open(token, { leverage: 3 });
    await patch(token, p.positionId, { trailingStop: { distance: 1 }, takeProfit: 150 });
    t.quote("SOL_USDC", "103", "103");
    await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: p.positionId, quantity: 7.5 } });
    const hash = t.app.trading.stateHash();
    const restored = restoreEngineFromStore(openSqliteStores(t.dataDir).ledger, engineConfig(10_000));
    expect(restored.stateHash()).toBe(hash);
    expect(restored.getOpenPositions(userId)[0]).toMatchObject({
      quantity: parseQty("22.5"),
      trailingStop: { distance: parsePrice("1"), level: parsePrice("102") },
    });
  });
});
