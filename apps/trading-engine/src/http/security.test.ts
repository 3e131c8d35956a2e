import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZStateResponse } from "@repo/shared-types/api";
import { ZErrorBody } from "@repo/shared-types/errors";
import { buildTestApp, type TestApp } from "../test-support/test-app";

const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5 };

describe("security", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "150.49", "150.51");
  });
  afterEach(async () => {
    await t.close();
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

  it("another user's position should be 404 on close and never appear in their state", async () => {
    const alice = await t.signup();
    const mallory = await t.signup();
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(alice.token), payload: SEED_OPEN });
    const positionId = open.json<{ positionId: string }>().positionId;
    const steal = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(mallory.token), payload: { positionId } });
    expect(steal.statusCode).toBe(404);
    expect(ZErrorBody.parse(steal.json()).error.code).toBe("POSITION_NOT_FOUND");
    const malloryState = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(mallory.token) })).json());
    expect(malloryState.positions).toEqual([]);
    expect(malloryState.balances.USD).toBe(10000);
    const aliceState = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(alice.token) })).json());
    expect(aliceState.positions.map((p) => p.positionId)).toEqual([positionId]);
    const history = (await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(mallory.token) })).json<unknown[]>();
    expect(history).toEqual([]);
  });

  it.each([
    ["no header", {}],
    ["empty bearer", { authorization: "Bearer " }],
    ["unknown token", { authorization: "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
    ["basic scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["garbage", { authorization: "Bearer ../../etc/passwd" }],
  ])("%s should be 401 UNAUTHENTICATED on every authenticated route", async (_name, headers) => {
    const routes: InjectOptions[] = [
      { method: "GET", url: "/api/v1/state" },
      { method: "GET", url: "/api/v1/auth/me" },
      { method: "POST", url: "/api/v1/auth/signout" },
      { method: "GET", url: "/api/v1/positions/history" },
      { method: "POST", url: "/api/v1/positions/open", payload: SEED_OPEN },
      { method: "POST", url: "/api/v1/positions/close", payload: { positionId: "x" } },
    ];
    for (const route of routes) {
      const res = await inject({ ...route, headers });
      expect(res.statusCode).toBe(401);
      expect(ZErrorBody.parse(res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  it.each(["entryPrice", "userId", "quantity", "accountId", "positionId"])(
    "an open with an extra field %s should be 400 INVALID_REQUEST and change nothing",
    async (field) => {
      const { token } = await t.signup();
      const res = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: { ...SEED_OPEN, [field]: 1 } });
      expect(res.statusCode).toBe(400);
      expect(ZErrorBody.parse(res.json()).error.code).toBe("INVALID_REQUEST");
      const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token) })).json());
      expect(state.positions).toEqual([]);
    },
  );

  it("extra fields on close and signup should be 400", async () => {
    const { token } = await t.signup();
    const close = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(token), payload: { positionId: "x", userId: "y" } });
    expect(close.statusCode).toBe(400);
    const signup = await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "z@example.com", password: "password123", balance: 1e9 } });
    expect(signup.statusCode).toBe(400);
  });

  it("1,000 generated malformed requests should never get a 5xx nor change any state", async () => {
    const { token } = await t.signup();
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(token), payload: SEED_OPEN });
    expect(open.statusCode).toBe(201);
    const hashBefore = t.app.trading.stateHash();
    const countsBefore = t.stores.database.counts();

    const routes = [
      "/api/v1/positions/open",
      "/api/v1/positions/close",
      "/api/v1/auth/signup",
      "/api/v1/auth/signin",
      "/api/v1/state",
      "/api/v1/positions/history",
      "/api/v1/candles",
      "/api/v1/markets",
    ];
    // Every generated body carries at least one key no schema knows, or is not an object at
    // all, or is not JSON: each one is malformed by construction.
    const unknownKey = fc.oneof(
      fc.constantFrom("entryPrice", "userId", "quantity", "constructor", "prototype", "isAdmin"),
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !/^(asset|type|margin|leverage|slippage|currentPrice|stopLoss|takeProfit|clientOrderId|positionId|email|password)$/.test(k) && k !== "__proto__"),
    );
    const knownKey = fc.constantFrom("asset", "type", "margin", "leverage", "slippage", "currentPrice", "stopLoss", "takeProfit", "clientOrderId", "positionId", "email", "password");
    const value = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.double(),
      fc.constantFrom("1e400", "-1", "0", "NaN", "Infinity", "150.123456789", "SOL", "long", "", " ", "\u0000"),
    );
    const objectBody = fc
      .tuple(fc.dictionary(knownKey, value, { maxKeys: 6 }), unknownKey, value)
      .map(([known, key, v]) => JSON.stringify({ ...known, [key]: v }));
    const rawBody = fc.oneof(
      fc.string({ maxLength: 50 }).filter((s) => {
        try {
          const parsed: unknown = JSON.parse(s);
          return typeof parsed !== "object" || parsed === null || Array.isArray(parsed);
        } catch {
          return true;
        }
      }),
      fc.json({ maxDepth: 2 }).filter((s) => {
        const parsed: unknown = JSON.parse(s);
        return typeof parsed !== "object" || parsed === null || Array.isArray(parsed);
      }),
    );
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      route: fc.constantFrom(...routes),
      query: fc.oneof(fc.constant(""), fc.string({ maxLength: 20 }).map((q) => `?${encodeURIComponent(q)}=${encodeURIComponent(q)}&limit=${q}`)),
      body: fc.oneof(objectBody, rawBody),
      contentType: fc.constantFrom("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8"),
      authed: fc.boolean(),
    });

    let count = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        count += 1;
        const isGet = r.method === "GET";
        const res = await inject({
          method: r.method,
          url: isGet ? `${r.route}${r.query.length > 0 ? r.query : "?limit=-5"}` : r.route,
          headers: { "content-type": r.contentType, ...(r.authed ? t.auth(token) : {}) },
          ...(isGet ? {} : { payload: r.body }),
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) ZErrorBody.parse(res.json());
        // GETs on the read-only routes may succeed; nothing may change state.
        if (!isGet) expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 1000 },
    );
    expect(count).toBe(1000);
    expect(t.app.trading.stateHash()).toBe(hashBefore);
    expect(t.stores.database.counts()).toEqual(countsBefore);
  }, 60_000);
});

describe("rate limits", () => {
  it("hammering from one IP should get 429 RATE_LIMITED", async () => {
    const t = await buildTestApp({ config: { rateLimit: { ipPerMinute: 20, userPerMinute: 1000 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        const res = await t.app.http.inject({ method: "GET", url: "/api/v1/markets", remoteAddress: "10.0.0.1" });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(ZErrorBody.parse(res.json()).error.code).toBe("RATE_LIMITED");
      }
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
      // Another IP is unaffected, and health probes are never throttled.
      expect((await t.app.http.inject({ method: "GET", url: "/api/v1/markets", remoteAddress: "10.0.0.2" })).statusCode).toBe(200);
      expect((await t.app.http.inject({ method: "GET", url: "/health", remoteAddress: "10.0.0.1" })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("one user hammering from many IPs should get 429 RATE_LIMITED", async () => {
    const t = await buildTestApp({ config: { rateLimit: { ipPerMinute: 1000, userPerMinute: 10 } } });
    try {
      const { token } = await t.signup();
      const statuses: number[] = [];
      for (let i = 0; i < 15; i += 1) {
        const res = await t.app.http.inject({ method: "GET", url: "/api/v1/state", headers: t.auth(token), remoteAddress: `10.0.1.${i}` });
        statuses.push(res.statusCode);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      const other = await t.signup();
      expect((await t.app.http.inject({ method: "GET", url: "/api/v1/state", headers: t.auth(other.token) })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
