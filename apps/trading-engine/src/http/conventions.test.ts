import { afterEach, describe, expect, it } from "vitest";
import { expectError } from "../test-support/expect-error";
import { buildTestApp, type TestApp } from "../test-support/test-app";

describe("conventions bots rely on", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("X-Request-Id should echo a client's sane id and replace anything else with a generated one", async () => {
    t = await buildTestApp();
    const echoed = await t.app.http.inject({ method: "GET", url: "/", headers: { "x-request-id": "bot-42.run:7" } });
    expect(echoed.headers["x-request-id"]).toBe("bot-42.run:7");
    const generated = await t.app.http.inject({ method: "GET", url: "/api/v1/markets" });
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const insane = await t.app.http.inject({ method: "GET", url: "/", headers: { "x-request-id": "a b\tc<script>" } });
    expect(insane.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const error = await t.app.http.inject({ method: "GET", url: "/nope", headers: { "x-request-id": "err-1" } });
    expect(error.statusCode).toBe(404);
    expect(error.headers["x-request-id"]).toBe("err-1");
  });

  it("every response should carry RateLimit-* headers, and a 429 Retry-After", async () => {
    t = await buildTestApp({ config: { rateLimit: { ipPerMinute: 3, userPerMinute: 1_000 } } });
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await t.app.http.inject({ method: "GET", url: "/api/v1/markets" });
      statuses.push(res.statusCode);
      expect(res.headers["ratelimit-limit"]).toBe("3");
      expect(Number(res.headers["ratelimit-reset"])).toBeGreaterThan(0);
      remaining.push(String(res.headers["ratelimit-remaining"]));
      if (res.statusCode === 429) {
        expectError(res, "RATE_LIMITED");
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(["2", "1", "0", "0"]);
  });

  it("authenticated routes should report the per-user budget when it is the tighter one, with Retry-After on its 429", async () => {
    t = await buildTestApp({ config: { rateLimit: { ipPerMinute: 1_000, userPerMinute: 2 } } });
    const { token } = await t.signup();
    const get = () => t?.app.http.inject({ method: "GET", url: "/api/v1/state", headers: { authorization: `Bearer ${token}` } });
    const first = await get();
    expect(first?.headers["ratelimit-limit"]).toBe("2");
    expect(first?.headers["ratelimit-remaining"]).toBe("1");
    await get();
    const limited = await get();
    expect(limited).toBeDefined();
    if (limited === undefined) return;
    expectError(limited, "RATE_LIMITED");
    expect(limited.headers["ratelimit-remaining"]).toBe("0");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("CORS should expose the rate-limit and request-id headers to the web app and allow DELETE", async () => {
    t = await buildTestApp();
    const preflight = await t.app.http.inject({
      method: "OPTIONS",
      url: "/api/v1/api-keys/x",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "DELETE" },
    });
    expect(String(preflight.headers["access-control-allow-methods"])).toContain("DELETE");
    const res = await t.app.http.inject({ method: "GET", url: "/", headers: { origin: "http://localhost:3000" } });
    expect(String(res.headers["access-control-expose-headers"])).toContain("RateLimit-Remaining");
    expect(String(res.headers["access-control-expose-headers"])).toContain("X-Request-Id");
  });
});
