import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, it } from "vitest";
import { expectError } from "../test-support/expect-error";
import { buildTestApp, type TestApp } from "../test-support/test-app";

describe("error table", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

  it("unknown routes should answer 404 NOT_FOUND in the error shape", async () => {
    expectError(await inject({ method: "GET", url: "/api/v1/nope" }), "NOT_FOUND");
    expectError(await inject({ method: "DELETE", url: "/api/v1/state" }), "NOT_FOUND");
  });


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
