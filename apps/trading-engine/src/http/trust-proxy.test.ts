import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../test-support/test-app";

describe("TRUST_PROXY", () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it("a forged X-Forwarded-For should not rotate the per-IP limit behind one trusted hop", async () => {
    t = await buildTestApp({ config: { trustProxy: 1, rateLimit: { ipPerMinute: 3, userPerMinute: 1_000 } } });
    const app = t.app;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      // The proxy appends the real client (203.0.113.7); everything left of it is the client's own text.
      const res = await app.http.inject({ method: "GET", url: "/api/v1/markets", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": `198.51.100.${i}, 203.0.113.7` } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A different real client behind the same proxy has its own budget.
    const other = await app.http.inject({ method: "GET", url: "/api/v1/markets", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": "203.0.113.8" } });
    expect(other.statusCode).toBe(200);
  });
});
