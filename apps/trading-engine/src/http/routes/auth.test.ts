import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZAuthResponse, ZStateResponse } from "@repo/shared-types/api";
import { expectError } from "../../test-support/expect-error";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

describe("auth routes", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);

  it("signup should answer 201 with a token and fund the account with USD 10000, SOL 0", async () => {
    const res = await inject({ method: "POST", url: "/api/v1/auth/signup", payload: { email: "Alice@Example.com", password: "password123" } });
    expect(res.statusCode).toBe(201);
    const body = ZAuthResponse.parse(res.json());
    expect(body.user.email).toBe("alice@example.com");
    const state = ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(body.token) })).json());
    expect(state).toEqual({
      balances: { USD: 10000, SOL: 0 },
      positions: [],
      orders: [],
      account: { balance: 10000, equity: 10000, usedMargin: 0, orderMargin: 0, freeMargin: 10000, marginLevel: null },
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
