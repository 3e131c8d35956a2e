import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZClosePositionResponse, ZClosedPosition, ZPosition, ZStateResponse } from "@repo/shared-types/api";
import { expectError } from "../../test-support/expect-error";
import { SEED_OPEN } from "../../test-support/seed-open";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

describe("trading routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

  beforeEach(() => {
    t.quote("SOL_USDC", "150.49", "150.51", "150.5");
  });

  it("the seed's three calls should work: signup, open at the feed's ask (not the body's price), close", async () => {
    const { token, userId } = await t.signup();
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
    expect(open.statusCode).toBe(201);
    const position = ZPosition.parse(open.json());
    expect(position).toMatchObject({ asset: "SOL", type: "long", margin: 1000, leverage: 2, entryPrice: 150.51, quantity: 13.28815361, currentPrice: 150.49 });
    const stateRes = await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) });
    // Sent as cached text, the body is still exactly the presented state, as JSON.
    expect(stateRes.headers["content-type"]).toMatch(/^application\/json/);
    expect(stateRes.body).toBe(JSON.stringify(t.app.trading.state(userId)));
    const state = ZStateResponse.parse(stateRes.json());
    expect(state.balances.USD).toBe(9000);
    expect(state.positions.map((p) => p.positionId)).toEqual([position.positionId]);
    expect(state.account.usedMargin).toBe(1000);

    const close = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: position.positionId } });
    expect(close.statusCode).toBe(200);
    const closed = ZClosePositionResponse.parse(close.json());
    expect(closed.message).toBe("Position closed successfully");
    // (150.49 − 150.51) × 13.28815361 = −0.2657… → −0.27
    expect(closed.realizedPnL).toBe(-0.27);
    expect(closed.position).toMatchObject({ closePrice: 150.49, closeReason: "manual" });
    const after = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
    expect(after.balances.USD).toBe(9999.73);
    expect(after.positions).toEqual([]);
  });

  it("a short should open at the bid", async () => {
    const { token } = await t.signup();
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, type: "short" } });
    expect(open.json()).toMatchObject({ type: "short", entryPrice: 150.49, currentPrice: 150.51 });
  });

  it("open should refuse with 422 SLIPPAGE_EXCEEDED when the feed's price is beyond currentPrice ± slippage", async () => {
    const { token } = await t.signup();
    const res = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, currentPrice: 140 } });
    expectError(res, "SLIPPAGE_EXCEEDED");
    const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
    expect(state.balances.USD).toBe(10000);
  });

  it("open should refuse with 422 INSUFFICIENT_FUNDS when the margin exceeds the balance", async () => {
    const { token } = await t.signup();
    expectError(
      await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, margin: 10000.01 } }),
      "INSUFFICIENT_FUNDS",
    );
  });

  it("open should refuse with 422 INVALID_STOPS a long stop loss above the bid", async () => {
    const { token } = await t.signup();
    expectError(
      await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, stopLoss: 151 } }),
      "INVALID_STOPS",
    );
  });

  it("open should refuse with 503 PRICE_UNAVAILABLE a market without quotes", async () => {
    const { token } = await t.signup();
    expectError(
      await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, asset: "BTC", currentPrice: undefined } }),
      "PRICE_UNAVAILABLE",
    );
  });

  it("close should answer 404 POSITION_NOT_FOUND for an unknown position", async () => {
    const { token } = await t.signup();
    expectError(
      await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: "does-not-exist" } }),
      "POSITION_NOT_FOUND",
    );
  });

  it("a repeated clientOrderId should return the original position instead of opening another", async () => {
    const { token } = await t.signup();
    const body = { ...SEED_OPEN, clientOrderId: "order-1" };
    const first = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: body });
    const second = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: body });
    expect(first.statusCode).toBe(201);
    expect(second.json<{ positionId: string }>().positionId).toBe(first.json<{ positionId: string }>().positionId);
    const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
    expect(state.positions).toHaveLength(1);
    expect(state.balances.USD).toBe(9000);
  });

  it("stop loss and take profit should close on the tick that crosses them", async () => {
    const { token } = await t.signup();
    const sl = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, stopLoss: 140 } });
    const tp = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, takeProfit: 160 } });
    expect(sl.statusCode).toBe(201);
    expect(tp.statusCode).toBe(201);
    t.quote("SOL_USDC", "139.99", "140.01");
    // Back near 150 first: a single jump of more than 10 % would wait for confirmation (price band).
    t.quote("SOL_USDC", "150", "150.02");
    t.quote("SOL_USDC", "160.5", "160.6");
    const history = (await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) })).json<unknown[]>().map((p) => ZClosedPosition.parse(p));
    expect(history.map((p) => p.closeReason).sort()).toEqual(["stop_loss", "take_profit"]);
  });

  it("a crash through the liquidation price should liquidate, losing exactly the margin", async () => {
    const { token } = await t.signup();
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, leverage: 10 } });
    expect(open.statusCode).toBe(201);
    t.quote("SOL_USDC", "100", "100.02");
    // A move beyond the price band acts once a second quote confirms it, at the first one's price.
    t.quote("SOL_USDC", "99.9", "99.92");
    const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
    expect(state.positions).toEqual([]);
    expect(state.balances.USD).toBe(9000);
    const history = (await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) })).json<unknown[]>().map((p) => ZClosedPosition.parse(p));
    expect(history[0]).toMatchObject({ closeReason: "liquidation", realizedPnL: -1000 });
  });

  it("history should list closed positions newest first and honour limit", async () => {
    const { token } = await t.signup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, margin: 10 } });
      const id = open.json<{ positionId: string }>().positionId;
      ids.push(id);
      await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: id } });
    }
    const all = (await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) })).json<{ positionId: string }[]>();
    expect(all.map((p) => p.positionId)).toEqual([...ids].reverse());
    const one = (await inject({ method: "GET", url: "/api/v1/positions/history?limit=1", headers: t.auth(token) })).json<unknown[]>();
    expect(one).toHaveLength(1);
    expectError(await inject({ method: "GET", url: "/api/v1/positions/history?limit=-1", headers: t.auth(token) }), "INVALID_REQUEST");
  });
});
