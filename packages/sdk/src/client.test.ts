import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFrom } from "./api-error";
import { createTradingClient } from "./client";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch answering from a script of responses, recording each call. */
function scriptedFetch(responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetch = ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    });
    const next = responses.shift();
    if (next === undefined) return Promise.reject(new Error("no scripted response left"));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const unavailable = (): Response => json(503, { error: { code: "SERVICE_UNAVAILABLE", message: "draining" } });
const STATE = {
  balances: { USD: 10000, SOL: 0 },
  positions: [],
  orders: [],
  account: { balance: 10000, equity: 10000, usedMargin: 0, orderMargin: 0, freeMargin: 10000, marginLevel: null },
};
const POSITION = {
  positionId: "p1", asset: "SOL", type: "long", margin: 100, leverage: 2, entryPrice: 150.51, quantity: 1.32881536,
  unrealizedPnL: 0, timestamp: 1, liquidationPrice: 75.26, stopLoss: null, takeProfit: null, currentPrice: 150.49,
};

function client(responses: (Response | Error)[], token: string | null = "tek_secret") {
  const scripted = scriptedFetch(responses);
  const sleeps: number[] = [];
  const unauthorized: number[] = [];
  const sdk = createTradingClient({
    baseUrl: "http://engine.test/",
    token,
    fetch: scripted.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    onUnauthorized: () => unauthorized.push(1),
  });
  return { sdk, calls: scripted.calls, sleeps, unauthorized };
}

describe("createTradingClient", () => {
  it("state() should send the bearer token and parse the body with the shared schema", async () => {
    const { sdk, calls } = client([json(200, STATE)]);
    expect(await sdk.state()).toEqual(STATE);
    expect(calls[0]).toMatchObject({ url: "http://engine.test/api/v1/state", method: "GET", headers: { authorization: "Bearer tek_secret" } });
  });

  it("a GET should be retried on 503 and network errors, then succeed", async () => {
    const { sdk, calls, sleeps } = client([unavailable(), new TypeError("fetch failed"), json(200, STATE)]);
    expect(await sdk.state()).toEqual(STATE);
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("a 429 should be retried after its Retry-After (capped)", async () => {
    const { sdk, sleeps } = client([json(429, { error: { code: "RATE_LIMITED", message: "slow down" } }, { "retry-after": "2" }), json(200, [])]);
    expect(await sdk.history()).toEqual([]);
    expect(sleeps).toEqual([2000]);
  });

  it("an open with a clientOrderId or Idempotency-Key should be retried; one without should not", async () => {
    const keyed = client([unavailable(), json(201, POSITION)]);
    await keyed.sdk.openPosition({ asset: "SOL", type: "long", margin: 100, leverage: 2 }, { idempotencyKey: "bot-1" });
    expect(keyed.calls).toHaveLength(2);
    expect(keyed.calls[1]?.headers["idempotency-key"]).toBe("bot-1");

    const withId = client([new TypeError("fetch failed"), json(201, POSITION)]);
    await withId.sdk.openPosition({ asset: "SOL", type: "long", margin: 100, leverage: 2, clientOrderId: "bot-2" });
    expect(withId.calls).toHaveLength(2);

    const bare = client([unavailable()]);
    await expect(bare.sdk.openPosition({ asset: "SOL", type: "long", margin: 100, leverage: 2 })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(bare.calls).toHaveLength(1);
  });

  it("close should never be retried", async () => {
    const { sdk, calls } = client([new TypeError("fetch failed")]);
    await expect(sdk.closePosition({ positionId: "p1" })).rejects.toMatchObject({ code: "NETWORK_ERROR", status: 0 });
    expect(calls).toHaveLength(1);
  });

  it("business rejections and PRICE_UNAVAILABLE should throw at once with the contract's code", async () => {
    const { sdk, calls } = client([json(503, { error: { code: "PRICE_UNAVAILABLE", message: "stale" } }, { "x-request-id": "r-1" })]);
    const error = await sdk.state().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: "PRICE_UNAVAILABLE", requestId: "r-1" });
    expect(calls).toHaveLength(1);
  });

  it("a 401 with a token should call onUnauthorized; sign-in should send no token", async () => {
    const { sdk, calls, unauthorized } = client([
      json(401, { error: { code: "UNAUTHENTICATED", message: "revoked" } }),
      json(200, { token: "t", user: { id: "u", email: "a@b.c" } }),
    ]);
    await expect(sdk.me()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(unauthorized).toEqual([1]);
    await sdk.signin({ email: "a@b.c", password: "password1" });
    expect(calls[1]?.headers.authorization).toBeUndefined();
  });

  it("query parameters should be encoded and undefined ones left out", async () => {
    const { sdk, calls } = client([json(200, [])]);
    await sdk.candles({ symbol: "SOL_USDC", interval: "5m", limit: undefined });
    expect(calls[0]?.url).toBe("http://engine.test/api/v1/candles?symbol=SOL_USDC&interval=5m");
  });
});

describe("apiErrorFrom", () => {
  it("should keep the contract's code and message, and survive bodies that are not the contract shape", () => {
    const e = apiErrorFrom(422, { error: { code: "INSUFFICIENT_FUNDS", message: "free margin 10 < 20" } });
    expect([e.status, e.code, e.message]).toEqual([422, "INSUFFICIENT_FUNDS", "free margin 10 < 20"]);
    expect(apiErrorFrom(502, "<html>").code).toBe("SERVICE_UNAVAILABLE");
    expect(apiErrorFrom(404, null).code).toBe("INVALID_REQUEST");
  });
});
