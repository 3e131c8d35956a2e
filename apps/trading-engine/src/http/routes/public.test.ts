import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectError } from "../../test-support/expect-error";
import { SEED_OPEN } from "../../test-support/seed-open";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

describe("public routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

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


  it("CORS should allow WEB_ORIGIN and not others", async () => {
    const ok = await inject({ method: "OPTIONS", url: "/api/v1/state", headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" } });
    expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    const other = await inject({ method: "GET", url: "/", headers: { origin: "http://evil.example" } });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
