import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkInvariants } from "@repo/engine-core/invariants";
import { ZAccountStats, ZAlert, ZBalancePoint, ZClosedPosition, ZStateResponse } from "@repo/shared-types/api";
import { expectError } from "../../test-support/expect-error";
import { buildTestApp, type TestApp } from "../../test-support/test-app";
import { engineConfig, restoreEngineFromStore } from "../../trading/restore-engine";

const OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 10 } as const;

describe("alerts and account routes", () => {
  let t: TestApp;
  let clock = 1_800_000_000_000;
  beforeEach(async () => {
    t = await buildTestApp({ now: () => clock });
    t.quote("SOL_USDC", "150", "150.1");
  });
  afterEach(async () => {
    await t.close();
  });

  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => t.app.http.inject(options);
  const as = (token: string) => ({
    get: (url: string) => inject({ method: "GET", url, headers: t.auth(token) }),
    post: (url: string, payload?: object) => inject({ method: "POST", url, headers: t.auth(token), payload: payload ?? {} }),
    delete: (url: string) => inject({ method: "DELETE", url, headers: t.auth(token) }),
  });
  const open = async (token: string, body: object = OPEN): Promise<string> => {
    const res = await as(token).post("/api/v1/positions/open", body);
    expect(res.statusCode).toBe(201);
    return res.json<{ positionId: string }>().positionId;
  };

  describe("POST/GET/DELETE /api/v1/alerts", () => {
    it("an alert should be armed, fire once on the first quote that meets it, and then list with triggeredAt", async () => {
      const { token } = await t.signup();
      const placed = await as(token).post("/api/v1/alerts", { symbol: "SOL_USDC", condition: "above", price: "151.25" });
      expect(placed.statusCode).toBe(201);
      const alert = ZAlert.parse(placed.json());
      expect(alert).toMatchObject({ symbol: "SOL_USDC", condition: "above", price: 151.25, createdAt: clock, triggeredAt: null });
      clock += 1;
      const below = ZAlert.parse((await as(token).post("/api/v1/alerts", { symbol: "SOL_USDC", condition: "below", price: 140 })).json());

      clock += 1_000;
      t.quote("SOL_USDC", "151.1", "151.2"); // the ask is still under 151.25
      expect(ZAlert.array().parse((await as(token).get("/api/v1/alerts")).json()).every((a) => a.triggeredAt === null)).toBe(true);
      clock += 1_000;
      t.quote("SOL_USDC", "151.2", "151.3");
      const listed = ZAlert.array().parse((await as(token).get("/api/v1/alerts")).json());
      // Newest first: the below alert was placed after the above one.
      expect(listed.map((a) => [a.alertId, a.triggeredAt])).toEqual([
        [below.alertId, null],
        [alert.alertId, clock],
      ]);
    });

    it("DELETE should disarm an armed alert (200 with it); another user's or an unknown one is 404", async () => {
      const alice = await t.signup();
      const bob = await t.signup();
      const alert = ZAlert.parse((await as(alice.token).post("/api/v1/alerts", { symbol: "SOL_USDC", condition: "below", price: 149 })).json());
      expectError(await as(bob.token).delete(`/api/v1/alerts/${alert.alertId}`), "NOT_FOUND");
      expectError(await as(alice.token).delete("/api/v1/alerts/nope"), "NOT_FOUND");
      const removed = await as(alice.token).delete(`/api/v1/alerts/${alert.alertId}`);
      expect(removed.statusCode).toBe(200);
      expect(ZAlert.parse(removed.json()).alertId).toBe(alert.alertId);
      t.quote("SOL_USDC", "148", "148.1");
      expect((await as(alice.token).get("/api/v1/alerts")).json()).toEqual([]);
      expect((await as(bob.token).get("/api/v1/alerts")).json()).toEqual([]);
    });

    it("a browser on the web origin should be allowed to DELETE (CORS preflight)", async () => {
      const res = await inject({
        method: "OPTIONS",
        url: "/api/v1/alerts/x",
        headers: { origin: "http://localhost:3000", "access-control-request-method": "DELETE", "access-control-request-headers": "authorization" },
      });
      expect(res.statusCode).toBeLessThan(300);
      expect(res.headers["access-control-allow-methods"]).toContain("DELETE");
    });

    it("bad bodies should be 400 INVALID_REQUEST", async () => {
      const { token } = await t.signup();
      for (const payload of [
        { symbol: "SOL_USDC", condition: "sideways", price: 1 },
        { symbol: "SOL_USDC", condition: "above", price: 0 },
        { symbol: "SOL_USDC", condition: "above", price: "1e3" },
        { symbol: "DOGE_USDC", condition: "above", price: 1 },
        { symbol: "SOL_USDC", condition: "above", price: 1, extra: true },
      ]) {
        expectError(await as(token).post("/api/v1/alerts", payload), "INVALID_REQUEST");
      }
      expectError(await inject({ method: "GET", url: "/api/v1/alerts" }), "UNAUTHENTICATED");
    });

    it("armed alerts should be restored from SQLite at boot and still fire", async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "alerts-restore-"));
      try {
        const first = await buildTestApp({ dataDir, now: () => clock });
        first.quote("SOL_USDC", "150", "150.1");
        const { token } = await first.signup();
        await first.app.http.inject({ method: "POST", url: "/api/v1/alerts", headers: first.auth(token), payload: { symbol: "SOL_USDC", condition: "below", price: 149 } });
        await first.close();
        const second = await buildTestApp({ dataDir, now: () => clock });
        clock += 1_000;
        second.quote("SOL_USDC", "148.5", "148.6");
        const listed = ZAlert.array().parse((await second.app.http.inject({ method: "GET", url: "/api/v1/alerts", headers: second.auth(token) })).json());
        expect(listed.map((a) => a.triggeredAt)).toEqual([clock]);
        await second.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe("POST /api/v1/account/reset", () => {
    it("should close every position at market (reason reset), put USD back to 10000, and keep conservation in the stored ledger", async () => {
      const alice = await t.signup();
      const bob = await t.signup();
      await open(alice.token);
      await open(alice.token, { ...OPEN, type: "short", margin: 500 });
      await open(bob.token);
      clock += 1_000;
      t.quote("SOL_USDC", "145", "145.1"); // alice's long loses, her short gains
      const res = await as(alice.token).post("/api/v1/account/reset");
      expect(res.statusCode).toBe(200);
      const state = ZStateResponse.parse(res.json());
      expect(state.balances.USD).toBe(10000);
      expect(state.positions).toEqual([]);
      expect(state.account).toMatchObject({ balance: 10000, equity: 10000, usedMargin: 0 });
      const history = ZClosedPosition.array().parse((await as(alice.token).get("/api/v1/positions/history")).json());
      // Both closed at the closing side: the long at the bid, the short at the ask.
      expect(history.map((p) => [p.type, p.closeReason, p.closePrice]).sort()).toEqual([
        ["long", "reset", 145],
        ["short", "reset", 145.1],
      ]);
      // Bob is untouched.
      expect(ZStateResponse.parse((await as(bob.token).get("/api/v1/state")).json()).positions).toHaveLength(1);
      // What is on disk restores to an engine whose ledger still balances exactly.
      const restored = restoreEngineFromStore(t.stores.ledger, engineConfig(10_000));
      expect(checkInvariants(restored)).toEqual([]);
      expect(restored.getAccount(alice.userId)?.balances.USD).toBe(1_000_000n);
    });

    it("should cancel every open order too, releasing its reserved margin, with the ledger still balancing", async () => {
      const { token, userId } = await t.signup();
      const placed = await as(token).post("/api/v1/orders", { asset: "SOL", type: "long", orderType: "limit", price: "140", margin: 700, leverage: 5 });
      expect(placed.statusCode).toBe(201);
      await open(token);
      expect(ZStateResponse.parse((await as(token).get("/api/v1/state")).json()).account.orderMargin).toBe(700);
      const state = ZStateResponse.parse((await as(token).post("/api/v1/account/reset")).json());
      expect(state.orders).toEqual([]);
      expect(state.account).toMatchObject({ balance: 10000, orderMargin: 0, usedMargin: 0 });
      const history = (await as(token).get("/api/v1/orders/history")).json<{ orderId: string; status: string }[]>();
      expect(history.map((o) => o.status)).toEqual(["cancelled"]);
      const restored = restoreEngineFromStore(t.stores.ledger, engineConfig(10_000));
      expect(checkInvariants(restored)).toEqual([]);
      expect(restored.getAccount(userId)?.balances.USD).toBe(1_000_000n);
    });

    it("a stale market holding a position should refuse the reset with 503 and change nothing", async () => {
      const { token } = await t.signup();
      await open(token);
      clock += 20_000;
      expectError(await as(token).post("/api/v1/account/reset"), "PRICE_UNAVAILABLE");
      expect(ZStateResponse.parse((await as(token).get("/api/v1/state")).json()).positions).toHaveLength(1);
    });
  });

  describe("GET /api/v1/account/balance-history and /stats", () => {
    it("should list the deposit, each close's balance and the reset, ascending, exact to the cent", async () => {
      const { token } = await t.signup();
      const opened = clock;
      const p1 = await open(token);
      clock += 1_000;
      t.quote("SOL_USDC", "151", "151.1");
      await as(token).post("/api/v1/positions/close", { positionId: p1 });
      const closedAt = clock;
      await open(token, { ...OPEN, type: "short", margin: 200 });
      clock += 1_000;
      t.quote("SOL_USDC", "152", "152.1");
      await as(token).post("/api/v1/account/reset");
      const points = ZBalancePoint.array().parse((await as(token).get("/api/v1/account/balance-history?limit=500")).json());
      // Long 1000 × 10 at 150.1: 66.62225183 SOL; closed at 151: +59.96. Short 200 × 10 at 151:
      // 13.24503311 SOL, closed by the reset at 152.1: −14.57; the reset then deposits back 14.57 − 59.96.
      expect(points).toEqual([
        { time: opened, balance: 10000, reason: "deposit" },
        { time: closedAt, balance: 10059.96, reason: "close" },
        { time: clock, balance: 10045.39, reason: "close" },
        { time: clock, balance: 10000, reason: "reset" },
      ]);
      const latest = ZBalancePoint.array().parse((await as(token).get("/api/v1/account/balance-history?limit=2")).json());
      expect(latest.map((p) => p.reason)).toEqual(["close", "reset"]);
      expectError(await as(token).get("/api/v1/account/balance-history?limit=0"), "INVALID_REQUEST");

      const stats = ZAccountStats.parse((await as(token).get("/api/v1/account/stats")).json());
      expect(stats).toEqual({
        trades: 2,
        wins: 1,
        losses: 1,
        winRate: 50,
        totalRealizedPnL: 45.39,
        bestTrade: 59.96,
        worstTrade: -14.57,
        maxDrawdown: 14.57,
        maxDrawdownPct: 0.14,
      });
    });

    it("stats of an account without trades should have null rates and no drawdown", async () => {
      const { token } = await t.signup();
      expect((await as(token).get("/api/v1/account/stats")).json()).toEqual({
        trades: 0,
        wins: 0,
        losses: 0,
        winRate: null,
        totalRealizedPnL: 0,
        bestTrade: null,
        worstTrade: null,
        maxDrawdown: 0,
        maxDrawdownPct: 0,
      });
    });
  });

  describe("history paging, filters and CSV", () => {
    it("before should page newest first without splitting closes of one instant; asset and reason filter", async () => {
      const { token } = await t.signup();
      t.quote("BTC_USDC", "60000", "60000.5");
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        clock += 1_000;
        const id = await open(token, { ...OPEN, margin: 100 });
        await as(token).post("/api/v1/positions/close", { positionId: id });
        ids.push(id);
      }
      // Two closes at one instant (one reset) and a BTC close before them.
      clock += 1_000;
      const btc = await open(token, { ...OPEN, asset: "BTC", margin: 100 });
      await as(token).post("/api/v1/positions/close", { positionId: btc });
      clock += 1_000;
      await open(token, { ...OPEN, margin: 100 });
      await open(token, { ...OPEN, margin: 100 });
      await as(token).post("/api/v1/account/reset");

      const page1 = ZClosedPosition.array().parse((await as(token).get("/api/v1/positions/history?limit=1")).json());
      expect(page1.map((p) => p.closeReason)).toEqual(["reset", "reset"]);
      const before = page1.at(-1)?.closedAt ?? 0;
      const page2 = ZClosedPosition.array().parse((await as(token).get(`/api/v1/positions/history?limit=2&before=${before}`)).json());
      expect(page2.map((p) => p.asset)).toEqual(["BTC", "SOL"]);
      expect(page2[1]?.positionId).toBe(ids[2]);
      const sol = ZClosedPosition.array().parse((await as(token).get("/api/v1/positions/history?asset=SOL&reason=manual")).json());
      expect(sol.map((p) => p.positionId)).toEqual([...ids].reverse());
      expectError(await as(token).get("/api/v1/positions/history?reason=bogus"), "INVALID_REQUEST");
      expectError(await as(token).get("/api/v1/positions/history?before=soon"), "INVALID_REQUEST");
    });

    it("history.csv should have the ClosedPosition header and one row per close, ISO times and exact decimals", async () => {
      const { token } = await t.signup();
      const id = await open(token);
      clock += 1_000;
      t.quote("SOL_USDC", "151", "151.1");
      await as(token).post("/api/v1/positions/close", { positionId: id });
      const res = await as(token).get("/api/v1/positions/history.csv");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/csv/);
      expect(res.headers["content-disposition"]).toContain("history.csv");
      const [header, ...rows] = res.body.trimEnd().split("\r\n");
      expect(header).toBe(
        "positionId,asset,type,margin,leverage,entryPrice,quantity,unrealizedPnL,timestamp,liquidationPrice,stopLoss,takeProfit,trailingStop,currentPrice,clientOrderId,closePrice,realizedPnL,closedAt,closeReason",
      );
      expect(rows).toHaveLength(1);
      const cells = Object.fromEntries((header ?? "").split(",").map((name, i) => [name, rows[0]?.split(",")[i]]));
      expect(cells).toMatchObject({
        positionId: id,
        asset: "SOL",
        margin: "1000.00",
        entryPrice: "150.1",
        quantity: "66.62225183",
        timestamp: new Date(clock - 1_000).toISOString(),
        closedAt: new Date(clock).toISOString(),
        closePrice: "151",
        realizedPnL: "59.96",
        closeReason: "manual",
        stopLoss: "",
      });
      // entry − margin/quantity = 150.1 − 1000/66.62225183, rounded away from the entry to 8 dp.
      expect(cells.liquidationPrice).toBe("135.08999999");
      const empty = await as((await t.signup()).token).get("/api/v1/positions/history.csv");
      expect(empty.body).toBe(`${header ?? ""}\r\n`);
    });
  });
});
