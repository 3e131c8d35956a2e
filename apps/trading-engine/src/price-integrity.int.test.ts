import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TMarketUpdate } from "@repo/shared-types/market";
import type { TStateResponse } from "@repo/shared-types/api";
import { api, spawnEngine, waitForHttp, type EngineProcess } from "./test-support/engine-process";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BOOK: Record<string, [string, string]> = { SOL_USDC: ["150", "150.02"], BTC_USDC: ["60000", "60001"], ETH_USDC: ["3000", "3000.1"] };

function update(symbol: string, bid: string, ask: string, timestamp: number): TMarketUpdate {
  return { schemaVersion: 1, symbol, bid, ask, price: bid, volume: "1", timestamp, source: "simulator" };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("price integrity on the dev broker", () => {
  let broker: DevBroker;
  let producer: KafkaProducer;
  let dataDir: string;
  let ticker: NodeJS.Timeout | null = null;
  const engines: EngineProcess[] = [];

  const publishBooks = (timestamp = Date.now()): Promise<void> =>
    producer.send(TOPICS.marketUpdates, Object.entries(BOOK).map(([s, [bid, ask]]) => update(s, bid, ask, timestamp)));
  const startTicker = (): void => {
    ticker = setInterval(() => void publishBooks().catch(() => undefined), 200);
  };
  const stopTicker = (): void => {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  };

  beforeAll(async () => {
    broker = await startDevBroker({ brokers: 1 });
    producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "price-integrity-test", logger: silent });
    await producer.connect();
    await publishBooks();
    dataDir = mkdtempSync(path.join(tmpdir(), "price-integrity-"));
  }, 60_000);

  afterAll(async () => {
    stopTicker();
    for (const engine of engines) await engine.kill9();
    await producer.disconnect();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a backlog of old quotes published while the engine was down should move no money after a restart", async () => {
    const env = { KAFKA_BROKERS: broker.bootstrapServers.join(","), DATA_DIR: dataDir, KAFKA_MAX_WAIT_MS: "10" };
    startTicker();
    const first = await spawnEngine(env);
    engines.push(first);
    await waitForHttp(`${first.baseUrl}/ready`, first, 30_000);
    const signup = await api<{ token: string }>(first.baseUrl, "POST", "/api/v1/auth/signup", { body: { email: "backlog@example.com", password: "password123" } });
    const token = signup.body.token;
    const open = await api(first.baseUrl, "POST", "/api/v1/positions/open", { token, body: { asset: "SOL", type: "long", margin: 100, leverage: 100 } });
    expect(open.status).toBe(201);
    stopTicker();
    await first.kill9();

    // Minutes-old quotes (a crash well through the long's liquidation) land while it is down.
    const old = Date.now() - 180_000;
    for (let i = 0; i < 20; i += 1) {
      await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", String(100 - i), String(100.02 - i), old + i * 100)]);
    }

    const second = await spawnEngine(env);
    engines.push(second);
    const ready = await api<{ staleMarkets: string[] }>(second.baseUrl, "GET", "/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.staleMarkets).toContain("SOL_USDC");
    const refused = await api<{ error: { code: string } }>(second.baseUrl, "POST", "/api/v1/positions/open", { token, body: { asset: "SOL", type: "long", margin: 10, leverage: 2 } });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("PRICE_UNAVAILABLE");

    // Fresh quotes make it ready; the position was never liquidated by the backlog.
    startTicker();
    await waitForHttp(`${second.baseUrl}/ready`, second, 30_000);
    const state = await api<TStateResponse>(second.baseUrl, "GET", "/api/v1/state", { token });
    expect(state.body.positions).toHaveLength(1);
    const markets = await api<{ symbol: string; bid: number }[]>(second.baseUrl, "GET", "/api/v1/markets");
    expect(markets.body.find((m) => m.symbol === "SOL_USDC")?.bid).toBe(150);
    stopTicker();

    // A far-future quote is refused and does not freeze the market for later real quotes.
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "151", "151.02", Date.now() + 3_600_000)]);
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "150.5", "150.52", Date.now())]);
    await until(async () => {
      const m = await api<{ symbol: string; bid: number }[]>(second.baseUrl, "GET", "/api/v1/markets");
      return m.body.find((x) => x.symbol === "SOL_USDC")?.bid === 150.5;
    }, "the real quote after a future-stamped one");

    // A lone wild bid does not liquidate; the next normal quote drops it.
    // Distinct stamps: a quote under the held one's own time is a re-send, which confirms nothing.
    const wildAt = Date.now();
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "0.01", "150.52", wildAt)]);
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "150.4", "150.42", wildAt + 1)]);
    await until(async () => {
      const m = await api<{ symbol: string; bid: number }[]>(second.baseUrl, "GET", "/api/v1/markets");
      return m.body.find((x) => x.symbol === "SOL_USDC")?.bid === 150.4;
    }, "the quote after the wild tick");
    expect((await api<TStateResponse>(second.baseUrl, "GET", "/api/v1/state", { token })).body.positions).toHaveLength(1);

    // A real crash (two quotes agreeing) liquidates, one quote later.
    const crashAt = Date.now() + 2;
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "60", "60.02", crashAt)]);
    await producer.send(TOPICS.marketUpdates, [update("SOL_USDC", "59", "59.02", crashAt + 1)]);
    await until(async () => (await api<TStateResponse>(second.baseUrl, "GET", "/api/v1/state", { token })).body.positions.length === 0, "the crash liquidation");

    const metrics = await fetch(`${second.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/engine_quotes_refused_total\{reason="future"\} 1/);
    expect(metrics).toMatch(/engine_quotes_refused_total\{reason="held"\} [1-9]/);
  }, 120_000);
});
