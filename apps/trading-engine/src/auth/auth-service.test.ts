import { createEngine } from "@repo/engine-core/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStores, type SqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import { engineConfig } from "../trading/restore-engine";
import { TradingService } from "../trading/trading-service";
import { AuthService } from "./auth-service";

describe("AuthService", () => {
  let stores: SqliteStores;
  let auth: AuthService;
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
    let id = 0;
    const deps = { now: () => 1_000, newId: () => `user-${(id += 1)}` };
    const trading = new TradingService({ engine: createEngine(engineConfig(10_000)), ledger: stores.ledger, onFatal: () => undefined, ...deps });
    auth = new AuthService({ users: stores.users, trading, passwordCost: { N: 1024, r: 8, p: 1 }, ...deps });
  });
  afterEach(() => {
    stores.database.close();
  });

  it("signup should create user, session and account together, and refuse a taken email as a value", async () => {
    const signed = await auth.signup("a@example.com", "password123");
    if (!signed.ok) throw new Error(signed.message);
    expect(signed.value.user).toEqual({ id: "user-1", email: "a@example.com" });
    expect(stores.database.counts()).toMatchObject({ users: 1, accounts: 1 });
    expect(auth.session(signed.value.token)?.userId).toBe("user-1");
    expect(await auth.signup("a@example.com", "password456")).toMatchObject({ ok: false, code: "EMAIL_TAKEN" });
  });

  it("signin should open a new session for the right password and refuse anything else with UNAUTHENTICATED", async () => {
    await auth.signup("b@example.com", "password123");
    const signed = await auth.signin("b@example.com", "password123");
    if (!signed.ok) throw new Error(signed.message);
    expect(auth.me(auth.session(signed.value.token)?.userId ?? "")).toEqual({ ok: true, value: { id: "user-1", email: "b@example.com" } });
    expect(await auth.signin("b@example.com", "password124")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await auth.signin("nobody@example.com", "password123")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("signout should revoke the session and tell the listeners its token hash", async () => {
    const signed = await auth.signup("c@example.com", "password123");
    if (!signed.ok) throw new Error(signed.message);
    const session = auth.session(signed.value.token);
    const revoked: string[] = [];
    auth.onSessionRevoked((tokenHash) => revoked.push(tokenHash));
    if (session === null) throw new Error("no session");
    auth.signout(session.tokenHash);
    expect(revoked).toEqual([session.tokenHash]);
    expect(auth.session(signed.value.token)).toBeNull();
  });

  it("a live session once looked up should be served without SQLite (cheap authenticated reads)", async () => {
    const signed = await auth.signup("d@example.com", "password123");
    if (!signed.ok) throw new Error(signed.message);
    expect(auth.session(signed.value.token)?.userId).toBe("user-1");
    stores.database.close();
    expect(auth.session(signed.value.token)?.userId).toBe("user-1");
  });
});
