import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ZAuthResponse,
  ZClosePositionResponse,
  ZClosedPosition,
  ZMarketInfo,
  ZPosition,
  ZStateResponse,
} from "@repo/shared-types/api";
import { ERROR_STATUS, ZErrorBody, type TErrorCode } from "@repo/shared-types/errors";
import { buildTestApp, type TestApp } from "./test-support/test-app";

const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5 };

function expectError(response: { statusCode: number; json: () => unknown }, code: TErrorCode): void {
  expect(response.statusCode).toBe(ERROR_STATUS[code]);
  const body = ZErrorBody.parse(response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("REST API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

  describe("public endpoints", () => {
    it("GET / should name the service", async () => {
      const res = await inject({ method: "GET", url: "/" });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ name: "trading-engine", status: "ok" });
    });

    it("GET /health should answer 200 with the state hash", async () => {
      const res = await inject({ method: "GET", url: "/health" });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ stateHash: string }>().stateHash).toMatch(/^[0-9a-f]{16}$/);
    });

    it("GET /ready should be 503 without fresh prices and say why, then 200 once every market is fresh", async () => {
      const before = await inject({ method: "GET", url: "/ready" });
      expectError(before, "SERVICE_UNAVAILABLE");
      expect(before.json<{ error: { message: string } }>().error.message).toContain("no fresh prices");
      t.quote("SOL_USDC", "150.49", "150.51");
      t.quote("BTC_USDC", "60000", "60001");
      t.quote("ETH_USDC", "3000", "3000.5");
      expect((await inject({ method: "GET", url: "/ready" })).statusCode).toBe(200);
      t.feed.setConnected(false);
      const down = await inject({ method: "GET", url: "/ready" });
      expectError(down, "SERVICE_UNAVAILABLE");
      expect(down.json<{ error: { message: string } }>().error.message).toContain("kafka not connected");
    });

    it("GET /metrics should expose orders, rejects, liquidations, tick lag, consumer lag, sockets and event-loop delay", async () => {
      t.quote("SOL_USDC", "150.49", "150.51");
      const { token } = await t.signup();
      await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
      await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, margin: 1e6 } });
      const res = await inject({ method: "GET", url: "/metrics" });
      expect(res.statusCode).toBe(200);
      const text = res.body;
      expect(text).toContain('engine_orders_total{action="open"} 1');
      expect(text).toContain('engine_rejects_total{code="INSUFFICIENT_FUNDS"} 1');
      for (const name of [
        "engine_liquidations_total",
        "engine_tick_lag_ms_bucket",
        "engine_consumer_lag_messages",
        "engine_sockets_connected",
        "engine_event_loop_delay_p99_ms",
      ]) {
        expect(text).toContain(name);
      }
    });

    it("GET /api/v1/markets should list the three markets, stale until a quote arrives", async () => {
      const before = (await inject({ method: "GET", url: "/api/v1/markets" })).json<unknown[]>();
      expect(before).toHaveLength(3);
      const parsed = before.map((m) => ZMarketInfo.parse(m));
      expect(parsed.every((m) => m.stale && m.price === null)).toBe(true);
      t.quote("SOL_USDC", "150.49", "150.51", "150.5");
      const after = (await inject({ method: "GET", url: "/api/v1/markets" })).json<unknown[]>().map((m) => ZMarketInfo.parse(m));
      const sol = after.find((m) => m.symbol === "SOL_USDC");
      expect(sol).toMatchObject({ asset: "SOL", bid: 150.49, ask: 150.51, price: 150.5, stale: false, maxLeverage: 100, source: "simulator" });
      expect(after.find((m) => m.symbol === "BTC_USDC")?.stale).toBe(true);
    });

    it("GET /api/v1/candles should serve stored 1m candles ascending and aggregate 5m exactly", async () => {
      const base = 1_700_000_100 - (1_700_000_100 % 300);
      const minutes = [
        { open: "10.1", high: "10.5", low: "10.0", close: "10.2", volume: "0.1" },
        { open: "10.2", high: "11.7", low: "10.1", close: "11.0", volume: "0.2" },
        { open: null, high: null, low: null, close: null, volume: "0" },
        { open: "11.0", high: "11.1", low: "9.95", close: "10.05", volume: "0.3" },
        { open: "10.05", high: "10.3", low: "10.0", close: "10.3", volume: "1.4" },
        { open: "10.3", high: "10.4", low: "10.2", close: "10.35", volume: "2" },
      ];
      // Arrive out of order and repeated: upserts by time make that harmless.
      const order = [5, 1, 0, 2, 3, 4, 1];
      for (const i of order) {
        const m = minutes[i];
        if (!m) continue;
        t.feed.pushCandle({ schemaVersion: 1, symbol: "SOL_USDC", interval: "1m", time: base + i * 60, ...m, closed: true, source: "simulator" });
      }
      t.app.candles.flush();
      const oneMinute = (await inject({ method: "GET", url: "/api/v1/candles?symbol=SOL_USDC&interval=1m&limit=500" })).json<{ time: number }[]>();
      expect(oneMinute.map((c) => c.time)).toEqual([0, 1, 3, 4, 5].map((i) => base + i * 60));
      const five: unknown = (await inject({ method: "GET", url: "/api/v1/candles?symbol=SOL_USDC&interval=5m" })).json();
      expect(five).toEqual([
        { time: base, open: 10.1, high: 11.7, low: 9.95, close: 10.3, volume: 2 },
        { time: base + 300, open: 10.3, high: 10.4, low: 10.2, close: 10.35, volume: 2 },
      ]);
      const limited = (await inject({ method: "GET", url: "/api/v1/candles?symbol=SOL_USDC&interval=5m&limit=1" })).json<unknown[]>();
      expect(limited).toHaveLength(1);
      expect((await inject({ method: "GET", url: "/api/v1/candles?symbol=BTC_USDC" })).json()).toEqual([]);
    });

    it("GET /api/v1/candles should refuse unknown intervals and bad limits with 400", async () => {
      expectError(await inject({ method: "GET", url: "/api/v1/candles?symbol=SOL_USDC&interval=2m" }), "INVALID_REQUEST");
      expectError(await inject({ method: "GET", url: "/api/v1/candles?symbol=SOL_USDC&limit=0" }), "INVALID_REQUEST");
      expectError(await inject({ method: "GET", url: "/api/v1/candles?symbol=sol" }), "INVALID_REQUEST");
      expectError(await inject({ method: "GET", url: "/api/v1/candles" }), "INVALID_REQUEST");
    });

    it("unknown routes should answer 404 NOT_FOUND in the error shape", async () => {
      expectError(await inject({ method: "GET", url: "/api/v1/nope" }), "NOT_FOUND");
      expectError(await inject({ method: "DELETE", url: "/api/v1/state" }), "NOT_FOUND");
    });

    it("CORS should allow WEB_ORIGIN and not others", async () => {
      const ok = await inject({ method: "OPTIONS", url: "/api/v1/state", headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" } });
      expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
      const other = await inject({ method: "GET", url: "/", headers: { origin: "http://evil.example" } });
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });

  describe("accounts", () => {
    it("signup should answer 201 with a token and fund the account with USD 10000, SOL 0", async () => {
      const res = await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "Alice@Example.com", password: "password123" } });
      expect(res.statusCode).toBe(201);
      const body = ZAuthResponse.parse(res.json());
      expect(body.user.email).toBe("alice@example.com");
      const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(body.token) })).json());
      expect(state).toEqual({
        balances: { USD: 10000, SOL: 0 },
        positions: [],
        account: { balance: 10000, equity: 10000, usedMargin: 0, freeMargin: 10000, marginLevel: null },
      });
    });

    it("signup should refuse a taken email with 409 EMAIL_TAKEN and short passwords with 400", async () => {
      await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "bob@example.com", password: "password123" } });
      expectError(
        await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "BOB@example.com", password: "password456" } }),
        "EMAIL_TAKEN",
      );
      expectError(await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "c@example.com", password: "short" } }), "INVALID_REQUEST");
      expectError(await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "not-an-email", password: "password123" } }), "INVALID_REQUEST");
    });

    it("signin should return a new working token, and 401 for a wrong password or unknown email", async () => {
      await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "carol@example.com", password: "password123" } });
      const res = await inject({ method: "POST", url: "/api/v1/auth/signin", payload: { email: "carol@example.com", password: "password123" } });
      expect(res.statusCode).toBe(200);
      const { token, user } = ZAuthResponse.parse(res.json());
      const me = await inject({ method: "GET", url: "/api/v1/auth/me", headers: t.auth(token) });
      expect(me.json()).toEqual({ id: user.id, email: "carol@example.com" });
      expectError(await inject({ method: "POST", url: "/api/v1/auth/signin", payload: { email: "carol@example.com", password: "password124" } }), "UNAUTHENTICATED");
      expectError(await inject({ method: "POST", url: "/api/v1/auth/signin", payload: { email: "nobody@example.com", password: "password123" } }), "UNAUTHENTICATED");
    });

    it("signout should revoke the token it was called with", async () => {
      const { token } = await t.signup();
      const out = await inject({ method: "POST", url: "/api/v1/auth/signout", headers: t.auth(token) });
      expect(out.statusCode).toBe(200);
      expectError(await inject({ method: "GET", url: "/api/v1/auth/me", headers: t.auth(token) }), "UNAUTHENTICATED");
    });
  });

  describe("trading", () => {
    beforeEach(() => {
      t.quote("SOL_USDC", "150.49", "150.51", "150.5");
    });

    it("the seed's three calls should work: signup, open at the feed's ask (not the body's price), close", async () => {
      const { token } = await t.signup();
      const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
      expect(open.statusCode).toBe(201);
      const position = ZPosition.parse(open.json());
      expect(position).toMatchObject({ asset: "SOL", type: "long", margin: 1000, leverage: 2, entryPrice: 150.51, quantity: 13.28815361, currentPrice: 150.49 });
      const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
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
      t.quote("SOL_USDC", "160.5", "160.6");
      const history = (await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(token) })).json<unknown[]>().map((p) => ZClosedPosition.parse(p));
      expect(history.map((p) => p.closeReason).sort()).toEqual(["stop_loss", "take_profit"]);
    });

    it("a crash through the liquidation price should liquidate, losing exactly the margin", async () => {
      const { token } = await t.signup();
      const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, leverage: 10 } });
      expect(open.statusCode).toBe(201);
      t.quote("SOL_USDC", "100", "100.02");
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

  describe("error table", () => {
    it("malformed JSON, a wrong content type and an oversized body should be 400 INVALID_REQUEST, never 5xx", async () => {
      const { token } = await t.signup();
      for (const payload of ["{", "[1,2", '{"asset":', "null", "42", '"x"']) {
        const res = await inject({ method: "POST", url: "/api/v1/positions/open", headers: { ...t.auth(token), "content-type": "application/json" }, payload });
        expectError(res, "INVALID_REQUEST");
      }
      expectError(
        await inject({ method: "POST", url: "/api/v1/positions/open", headers: { ...t.auth(token), "content-type": "text/plain" }, payload: "hello" }),
        "INVALID_REQUEST",
      );
      expectError(
        await inject({ method: "POST", url: "/api/v1/auth/signup", headers: { "content-type": "application/json" }, payload: JSON.stringify({ email: "a@b.co", password: "x".repeat(100_000) }) }),
        "INVALID_REQUEST",
      );
      expectError(await inject({ method: "POST", url: "/api/v1/auth/signup", headers: { "content-type": "application/json" }, payload: '{"__proto__":{"x":1}}' }), "INVALID_REQUEST");
    });

    it("a draining server should answer 503 SERVICE_UNAVAILABLE", async () => {
      t.app.startDraining();
      expectError(await inject({ method: "GET", url: "/api/v1/markets" }), "SERVICE_UNAVAILABLE");
    });

    it("an infrastructure failure should be 500 INTERNAL_ERROR in the error shape", async () => {
      const { token } = await t.signup();
      t.stores.database.close();
      expectError(await inject({ method: "GET", url: "/api/v1/auth/me", headers: t.auth(token) }), "INTERNAL_ERROR");
    });
  });
});

describe("price staleness", () => {
  it("orders on a market whose last quote is older than PRICE_STALE_MS should get 503 PRICE_UNAVAILABLE and markets should say stale", async () => {
    let clock = 1_800_000_000_000;
    const t = await buildTestApp({ priceStaleMs: 10_000, now: () => clock });
    try {
      t.quote("SOL_USDC", "150.49", "150.51");
      const { token } = await t.signup();
      clock += 10_001;
      const res = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
      expectError(res, "PRICE_UNAVAILABLE");
      const markets = (await t.app.http.inject({ method: "GET", url: "/api/v1/markets" })).json<{ symbol: string; stale: boolean }[]>();
      expect(markets.find((m) => m.symbol === "SOL_USDC")?.stale).toBe(true);
      t.quote("SOL_USDC", "150.49", "150.51");
      const again = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
      expect(again.statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });
});
