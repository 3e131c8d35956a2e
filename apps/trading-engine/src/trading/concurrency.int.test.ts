import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZStateResponse } from "@repo/shared-types/api";
import { listen } from "../test-support/listen";
import { buildTestApp, type TestApp } from "../test-support/test-app";

const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5 };

describe("concurrency over real HTTP", () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await buildTestApp();
    t.quote("SOL_USDC", "150.49", "150.51");
    base = await listen(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (path: string, token: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("50 simultaneous closes of one position should succeed exactly once and credit the balance once", async () => {
    const { token } = await t.signup();
    const open = await post("/api/v1/positions/open", token, SEED_OPEN);
    const { positionId } = (await open.json()) as { positionId: string };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post("/api/v1/positions/close", token, { positionId })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(49);
    const state = ZStateResponse.parse(await (await fetch(`${base}/api/v1/state`, { headers: { authorization: `Bearer ${token}` } })).json());
    expect(state.balances.USD).toBe(9999.73);
    expect(t.stores.database.counts().closed).toBe(1);
  });

  it("simultaneous opens beyond the balance should never take it below zero", async () => {
    const { token, userId } = await t.signup();
    const responses = await Promise.all(Array.from({ length: 40 }, () => post("/api/v1/positions/open", token, { ...SEED_OPEN, margin: 900 })));
    const statuses = responses.map((r) => r.status);
    // 11 × 900 = 9900 ≤ 10000 < 12 × 900
    expect(statuses.filter((s) => s === 201)).toHaveLength(11);
    expect(statuses.filter((s) => s === 422)).toHaveLength(29);
    const state = ZStateResponse.parse(await (await fetch(`${base}/api/v1/state`, { headers: { authorization: `Bearer ${token}` } })).json());
    expect(state.balances.USD).toBe(100);
    expect(state.positions).toHaveLength(11);
    // The database agrees with the engine.
    const stored = t.stores.ledger.loadSnapshot().accounts.find((a) => a.accountId === userId);
    expect(stored?.usd).toBe("100.00");
  });
});
