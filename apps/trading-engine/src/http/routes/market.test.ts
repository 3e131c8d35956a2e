import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZMarketInfo } from "@repo/shared-types/api";
import { expectError } from "../../test-support/expect-error";
import { SEED_OPEN } from "../../test-support/seed-open";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

describe("market routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

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
