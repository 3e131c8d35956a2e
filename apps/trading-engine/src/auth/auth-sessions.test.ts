import { createEngine } from "@repo/engine-core/engine";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteStores, type SqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import { engineConfig } from "../trading/restore-engine";
import { TradingService } from "../trading/trading-service";
import { AuthService } from "./auth-service";
import type * as Password from "./password";

const verified: string[] = [];
vi.mock("./password", async (importOriginal) => {
  const original = await importOriginal<typeof Password>();
  return {
    ...original,
    verifyPassword: (password: string, stored: string) => {
      verified.push(stored);
      return original.verifyPassword(password, stored);
    },
  };
});

const HOUR = 3_600_000;
const COST = { N: 2048, r: 8, p: 1 };

describe("AuthService sessions and sign-in throttle", () => {
  let stores: SqliteStores;
  let clock: number;
  const build = (over: { sessionTtlMs?: number; signinFailuresPerEmail?: number } = {}) => {
    let id = 0;
    const deps = { now: () => clock, newId: () => `user-${(id += 1)}` };
    const trading = new TradingService({ engine: createEngine(engineConfig(10_000)), ledger: stores.ledger, onFatal: () => undefined, ...deps });
    return new AuthService({ users: stores.users, trading, passwordCost: COST, ...over, ...deps });
  };
  beforeEach(() => {
    stores = openSqliteStores(":memory:");
    clock = 1_000_000;
    verified.length = 0;
  });
  afterEach(() => {
    stores.database.close();
  });

  const sessionRows = () => stores.database.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sessions").get()?.n;

  it("a session older than SESSION_TTL_HOURS should be refused, and pruned lazily and at boot", async () => {
    const auth = build({ sessionTtlMs: 2 * HOUR });
    const a = await auth.signup("a@example.com", "password123");
    if (!a.ok) throw new Error(a.message);
    clock += 2 * HOUR - 1;
    expect(auth.session(a.value.token)?.userId).toBe("user-1");
    clock += 2;
    expect(auth.session(a.value.token)).toBeNull();
    expect(sessionRows()).toBe(1);
    // The first lookup an hour after the last prune deletes the expired row.
    clock += HOUR;
    expect(auth.session("no-such-token-at-all")).toBeNull();
    expect(sessionRows()).toBe(0);

    const b = await auth.signin("a@example.com", "password123");
    if (!b.ok) throw new Error(b.message);
    clock += 3 * HOUR;
    expect(sessionRows()).toBe(1);
    build({ sessionTtlMs: 2 * HOUR });
    expect(sessionRows()).toBe(0);
  });

  it("signoutAll should revoke every session of the user and name each to the listeners", async () => {
    const auth = build();
    const first = await auth.signup("b@example.com", "password123");
    const second = await auth.signin("b@example.com", "password123");
    const other = await auth.signup("c@example.com", "password123");
    if (!first.ok || !second.ok || !other.ok) throw new Error("setup");
    const revoked: string[] = [];
    auth.onSessionRevoked((hash) => revoked.push(hash));
    expect(auth.signoutAll("user-1")).toBe(2);
    expect(revoked).toHaveLength(2);
    expect(auth.session(first.value.token)).toBeNull();
    expect(auth.session(second.value.token)).toBeNull();
    expect(auth.session(other.value.token)?.userId).toBe("user-2");
  });

  it("should refuse sign-in with RATE_LIMITED after 10 failures for one email in 15 minutes, even with the right password", async () => {
    const auth = build();
    await auth.signup("d@example.com", "password123");
    for (let i = 0; i < 10; i += 1) expect(await auth.signin("D@example.com", "wrong-password")).toMatchObject({ code: "UNAUTHENTICATED" });
    const blocked = await auth.signin("d@example.com", "password123");
    expect(blocked).toMatchObject({ ok: false, code: "RATE_LIMITED", retryAfterSeconds: 900 });
    // Another email is not affected; unknown emails are throttled the same way.
    expect((await auth.signin("e@example.com", "x")).ok).toBe(false);
    clock += 15 * 60_000;
    expect((await auth.signin("d@example.com", "password123")).ok).toBe(true);
  });

  it("an unknown email should be checked against a hash of the configured scrypt cost", async () => {
    const auth = build();
    await auth.signup("f@example.com", "password123");
    await auth.signin("f@example.com", "wrong-password");
    await auth.signin("nobody@example.com", "wrong-password");
    const costs = verified.map((hash) => hash.split("$").slice(1, 4).join("$"));
    expect(costs).toEqual(["2048$8$1", "2048$8$1"]);
  });
});
