import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TClosedPosition, TStateResponse } from "@repo/shared-types/api";
import { openSqliteStores } from "./adapters/sqlite/open-sqlite-stores";
import { api, spawnEngine, waitForHttp, type EngineProcess } from "./test-support/engine-process";
import { engineConfig, restoreEngineFromStore } from "./trading/restore-engine";

const SYMBOLS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"] as const;
const PRICES: Record<(typeof SYMBOLS)[number], [string, string]> = {
  SOL_USDC: ["150.49", "150.51"],
  BTC_USDC: ["60000.1", "60000.9"],
  ETH_USDC: ["3000.05", "3000.15"],
};

describe("durability under kill -9", () => {
  let broker: DevBroker;
  let producer: KafkaProducer;
  let ticker: NodeJS.Timeout | null = null;
  let dataDir: string;
  const engines: EngineProcess[] = [];

  beforeAll(async () => {
    broker = await startDevBroker({ brokers: 1 });
    producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "crash-test", logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    await producer.connect();
    let seq = 0;
    const publish = async (): Promise<void> => {
      seq += 1;
      await producer.send(
        TOPICS.marketUpdates,
        SYMBOLS.map((symbol) => {
          const [bid, ask] = PRICES[symbol];
          // Small wiggle so PnL is not always the same; never near any liquidation.
          const cents = seq % 7;
          return { schemaVersion: 1 as const, symbol, bid: `${bid}${cents}`, ask: `${ask}${cents}`, price: `${bid}${cents}`, volume: "1", timestamp: Date.now(), source: "simulator" as const };
        }),
      );
    };
    await publish();
    ticker = setInterval(() => void publish().catch(() => undefined), 100);
    dataDir = mkdtempSync(path.join(tmpdir(), "crash-test-"));
  }, 60_000);

  afterAll(async () => {
    if (ticker !== null) clearInterval(ticker);
    for (const engine of engines) await engine.kill9();
    await producer.disconnect();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("every order that got a 2xx, with 200 more in flight, should survive kill -9 with identical balances and a matching state hash", async () => {
    const env = { KAFKA_BROKERS: broker.bootstrapServers.join(","), DATA_DIR: dataDir, PRICE_STALE_MS: "60000", KAFKA_MAX_WAIT_MS: "10", RATE_LIMIT_IP_PER_MIN: "1000000", RATE_LIMIT_USER_PER_MIN: "1000000" };
    const first = await spawnEngine(env);
    engines.push(first);
    await waitForHttp(`${first.baseUrl}/ready`, first, 30_000);

    const users: { token: string; id: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await api<{ token: string; user: { id: string } }>(first.baseUrl, "POST", "/api/v1/auth/signup", {
        body: { email: `crash${i}@example.com`, password: "password123" },
      });
      expect(res.status).toBe(201);
      users.push({ token: res.body.token, id: res.body.user.id });
    }

    // The client's model of what was acknowledged.
    const acknowledgedOpen = new Map<string, { user: number; margin: number }>();
    const acknowledgedClose = new Map<string, { user: number; realizedPnL: number }>();
    const inFlightUsers = new Set<number>();
    let stop = false;
    let orderCount = 0;
    const worker = async (seed: number): Promise<void> => {
      let n = seed;
      while (!stop) {
        n = (n * 1_103_515_245 + 12_345) % 2_147_483_648;
        const user = n % users.length;
        const u = users[user];
        if (u === undefined || inFlightUsers.has(user)) continue;
        const mine = [...acknowledgedOpen.entries()].filter(([id, p]) => p.user === user && !acknowledgedClose.has(id));
        inFlightUsers.add(user);
        try {
          if (mine.length > 2 || (mine.length > 0 && n % 3 === 0)) {
            const [positionId] = mine[n % mine.length] ?? [];
            const res = await api<{ realizedPnL: number }>(first.baseUrl, "POST", "/api/v1/positions/close", { token: u.token, body: { positionId } });
            if (res.status === 200 && positionId !== undefined) acknowledgedClose.set(positionId, { user, realizedPnL: res.body.realizedPnL });
          } else {
            const margin = 10 + (n % 90);
            const symbol = ["SOL", "BTC", "ETH"][n % 3];
            const res = await api<{ positionId: string }>(first.baseUrl, "POST", "/api/v1/positions/open", {
              token: u.token,
              body: { asset: symbol, type: n % 2 === 0 ? "long" : "short", margin, leverage: 1 + (n % 20), clientOrderId: `c${seed}-${orderCount}` },
            });
            if (res.status === 201) acknowledgedOpen.set(res.body.positionId, { user, margin });
          }
          orderCount += 1;
          inFlightUsers.delete(user);
        } catch {
          // The connection died with the process: this user's last order is indeterminate.
          stop = true;
          return;
        }
      }
    };
    // Load: 200 more orders always in flight at once (group commit batches them), on users of
    // their own; every one of them acknowledged with 201 must also survive the kill.
    const loadUsers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await api<{ token: string }>(first.baseUrl, "POST", "/api/v1/auth/signup", {
          body: { email: `load${i}@example.com`, password: "password123" },
        });
        expect(res.status).toBe(201);
        return res.body.token;
      }),
    );
    const acknowledgedLoad = new Map<string, string>();
    let inFlight = 0;
    let maxInFlight = 0;
    const loadWorker = async (slot: number): Promise<void> => {
      const token = loadUsers[slot % loadUsers.length] ?? "";
      for (let k = 0; !stop; k += 1) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const res = await api<{ positionId: string }>(first.baseUrl, "POST", "/api/v1/positions/open", {
            token,
            body: { asset: "SOL", type: k % 2 === 0 ? "long" : "short", margin: 1, leverage: 1, clientOrderId: `load${slot}-${k}` },
          });
          if (res.status === 201) acknowledgedLoad.set(res.body.positionId, token);
        } catch {
          return;
        } finally {
          inFlight -= 1;
        }
      }
    };
    const load = Array.from({ length: 200 }, (_, slot) => loadWorker(slot));
    const workers = [1, 2, 3, 4].map((seed) => worker(seed * 7_919));
    // Kill once a good number of orders went through, while workers are mid-request.
    while (orderCount < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.kill9();
    stop = true;
    await Promise.all([...workers, ...load]);
    expect(acknowledgedOpen.size).toBeGreaterThan(50);
    expect(maxInFlight).toBeGreaterThanOrEqual(200);
    expect(acknowledgedLoad.size).toBeGreaterThan(200);

    const second = await spawnEngine(env);
    engines.push(second);

    for (const [index, user] of users.entries()) {
      const state = await api<TStateResponse>(second.baseUrl, "GET", "/api/v1/state", { token: user.token });
      expect(state.status).toBe(200);
      const history = await api<TClosedPosition[]>(second.baseUrl, "GET", "/api/v1/positions/history?limit=500", { token: user.token });
      const openIds = new Set(state.body.positions.map((p) => p.positionId));
      const closedById = new Map(history.body.map((p) => [p.positionId, p]));
      for (const [id, p] of acknowledgedOpen) {
        if (p.user !== index) continue;
        expect(openIds.has(id) || closedById.has(id)).toBe(true);
      }
      for (const [id, c] of acknowledgedClose) {
        if (c.user !== index) continue;
        expect(closedById.get(id)?.realizedPnL).toBe(c.realizedPnL);
        expect(openIds.has(id)).toBe(false);
      }
      // Conservation from the restored rows: balance = deposit − open margins + realised PnL (in cents).
      const cents = (x: number): number => Math.round(x * 100);
      const usedMargin = state.body.positions.reduce((sum, p) => sum + cents(p.margin), 0);
      const realized = history.body.reduce((sum, p) => sum + cents(p.realizedPnL), 0);
      expect(cents(state.body.balances.USD)).toBe(1_000_000 - usedMargin + realized);
      if (!inFlightUsers.has(index)) {
        // No order of this user was in flight at the kill: the balance is exactly the client's model.
        const ackMargin = [...acknowledgedOpen.entries()]
          .filter(([id, p]) => p.user === index && !acknowledgedClose.has(id))
          .reduce((sum, [, p]) => sum + cents(p.margin), 0);
        const ackRealized = [...acknowledgedClose.values()].filter((c) => c.user === index).reduce((sum, c) => sum + cents(c.realizedPnL), 0);
        expect(cents(state.body.balances.USD)).toBe(1_000_000 - ackMargin + ackRealized);
        expect(state.body.positions.length).toBe([...acknowledgedOpen.entries()].filter(([id, p]) => p.user === index && !acknowledgedClose.has(id)).length);
      }
    }

    const restoredLoad = new Set<string>();
    for (const token of loadUsers) {
      const state = await api<TStateResponse>(second.baseUrl, "GET", "/api/v1/state", { token });
      for (const p of state.body.positions) restoredLoad.add(p.positionId);
    }
    for (const id of acknowledgedLoad.keys()) expect(restoredLoad.has(id)).toBe(true);

    // The restarted process accepted the hash stored with the last transaction; an independent
    // restore from the same rows gives the same hash as the live process.
    const health = await api<{ stateHash: string }>(second.baseUrl, "GET", "/health");
    const { database, ledger } = openSqliteStores(dataDir);
    try {
      expect(ledger.lastStateHash()).toBe(health.body.stateHash);
      expect(restoreEngineFromStore(ledger, engineConfig(60_000)).stateHash()).toBe(health.body.stateHash);
    } finally {
      database.close();
    }
  }, 120_000);
});
