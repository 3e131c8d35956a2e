import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZApiKey, ZCreatedApiKey, type TCreatedApiKey } from "@repo/shared-types/api-keys";
import { ZStateResponse } from "@repo/shared-types/api";
import { hashToken } from "../../auth/tokens";
import { expectError } from "../../test-support/expect-error";
import { SEED_OPEN } from "../../test-support/seed-open";
import { buildTestApp, type TestApp } from "../../test-support/test-app";

describe("API keys", () => {
  let t: TestApp;
  let session: string;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "150.49", "150.51", "150.5");
    session = (await t.signup()).token;
  });
  afterEach(async () => {
    await t.close();
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);
  async function createKey(scopes: string[], name = "bot"): Promise<TCreatedApiKey> {
    const res = await inject({ method: "POST", url: "/api/v1/api-keys", headers: t.auth(session), payload: { name, scopes } });
    expect(res.statusCode).toBe(201);
    return ZCreatedApiKey.parse(res.json());
  }

  it("create should show the key once, store only its hash, and list it without the secret", async () => {
    const created = await createKey(["trade", "read"]);
    expect(created).toMatchObject({ name: "bot", scopes: ["read", "trade"], keyPrefix: created.key.slice(0, 10) });
    expect(created.key).toMatch(/^tek_[A-Za-z0-9_-]{43}$/);
    const row = t.stores.database.db.prepare("SELECT * FROM api_keys WHERE id = ?").get(created.id) as Record<string, unknown>;
    expect(Object.values(row)).not.toContain(created.key);
    expect(row.key_hash).toBe(hashToken(created.key));
    const list = await inject({ method: "GET", url: "/api/v1/api-keys", headers: t.auth(session) });
    expect(list.statusCode).toBe(200);
    const keys = list.json<unknown[]>().map((k) => ZApiKey.strict().parse(k));
    expect(keys).toEqual([{ id: created.id, name: "bot", scopes: ["read", "trade"], keyPrefix: created.keyPrefix, createdAt: created.createdAt }]);
  });

  it("create should refuse bad bodies with 400 INVALID_REQUEST", async () => {
    for (const payload of [{ name: "x", scopes: ["trade"] }, { name: "", scopes: ["read"] }, { name: "x", scopes: ["admin"] }, { name: "x", scopes: ["read", "read"] }, { name: "x", scopes: [], extra: 1 }]) {
      expectError(await inject({ method: "POST", url: "/api/v1/api-keys", headers: t.auth(session), payload }), "INVALID_REQUEST");
    }
  });

  it("a read key should read state and markets but get 403 FORBIDDEN on every route that trades", async () => {
    const { key } = await createKey(["read"]);
    const state = await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(key) });
    expect(ZStateResponse.parse(state.json()).balances.USD).toBe(10000);
    expect((await inject({ method: "GET", url: "/api/v1/positions/history", headers: t.auth(key) })).statusCode).toBe(200);
    expectError(await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(key), payload: SEED_OPEN }), "FORBIDDEN");
    expectError(await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(key), payload: { positionId: "x" } }), "FORBIDDEN");
    expect(ZStateResponse.parse((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(session) })).json()).positions).toEqual([]);
  });

  it("a trade key should open and close a position", async () => {
    const { key } = await createKey(["read", "trade"]);
    const open = await inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(key), payload: SEED_OPEN });
    expect(open.statusCode).toBe(201);
    const close = await inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(key), payload: { positionId: open.json<{ positionId: string }>().positionId } });
    expect(close.statusCode).toBe(200);
  });

  it("a key of any scope should get 403 FORBIDDEN on the api-keys and auth routes", async () => {
    const { key, id } = await createKey(["read", "trade"]);
    expectError(await inject({ method: "POST", url: "/api/v1/api-keys", headers: t.auth(key), payload: { name: "child", scopes: ["read"] } }), "FORBIDDEN");
    expectError(await inject({ method: "GET", url: "/api/v1/api-keys", headers: t.auth(key) }), "FORBIDDEN");
    expectError(await inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers: t.auth(key) }), "FORBIDDEN");
    expectError(await inject({ method: "GET", url: "/api/v1/auth/me", headers: t.auth(key) }), "FORBIDDEN");
    expectError(await inject({ method: "POST", url: "/api/v1/auth/signout", headers: t.auth(key) }), "FORBIDDEN");
    expectError(await inject({ method: "POST", url: "/api/v1/auth/signout-all", headers: t.auth(key) }), "FORBIDDEN");
    expect((await inject({ method: "GET", url: "/api/v1/auth/me", headers: t.auth(session) })).statusCode).toBe(200);
  });

  it("a revoked key should get 401, and revoke should answer the key's listing", async () => {
    const created = await createKey(["read"]);
    expect((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(created.key) })).statusCode).toBe(200);
    const revoked = await inject({ method: "DELETE", url: `/api/v1/api-keys/${created.id}`, headers: t.auth(session) });
    expect(revoked.statusCode).toBe(200);
    expect(ZApiKey.strict().parse(revoked.json())).toMatchObject({ id: created.id, name: "bot" });
    expectError(await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(created.key) }), "UNAUTHENTICATED");
    expect((await inject({ method: "GET", url: "/api/v1/api-keys", headers: t.auth(session) })).json()).toEqual([]);
    expectError(await inject({ method: "DELETE", url: `/api/v1/api-keys/${created.id}`, headers: t.auth(session) }), "NOT_FOUND");
  });

  it("another user's key should be 404 to revoke and absent from the list", async () => {
    const { id } = await createKey(["read"]);
    const other = await t.signup();
    expectError(await inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers: t.auth(other.token) }), "NOT_FOUND");
    expect((await inject({ method: "GET", url: "/api/v1/api-keys", headers: t.auth(other.token) })).json()).toEqual([]);
  });

  it("signout-all should not revoke API keys (they are revoked one by one)", async () => {
    const { key } = await createKey(["read"]);
    await inject({ method: "POST", url: "/api/v1/auth/signout-all", headers: t.auth(session) });
    expect((await inject({ method: "GET", url: "/api/v1/state", headers: t.auth(key) })).statusCode).toBe(200);
  });
});
