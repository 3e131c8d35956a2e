import type { AddressInfo } from "node:net";
import { KafkaConsumer } from "@repo/kafka-utils/consumer";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMarketDataService, type MarketDataService } from "./service";
import { createSimulator, type BackpackSimulator } from "@repo/backpack-simulator/simulator";
import { silentLogger } from "./test-support/silent-logger";

// simulator → service → dev broker (librdkafka mock, own process) → KafkaConsumer, all real.
const MARKETS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"];
const STALE_LINK_MS = 2_000;
const quietKafkaLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

let broker: DevBroker;
let simulator: BackpackSimulator;
let producer: KafkaProducer;
let consumer: KafkaConsumer;
let service: MarketDataService;
let readyUrl: string;
const consumedUpdates: TMarketUpdate[] = [];
const consumedCandles: TCandleMessage[] = [];
const acked: { update: TMarketUpdate; receivedAt: number; ackedAt: number }[] = [];

beforeAll(async () => {
  broker = await startDevBroker({ brokers: 3 });
  // Every partition of every topic led by broker 2, so the outage test knows whom to stop.
  for (const topic of [TOPICS.marketUpdates, TOPICS.candles]) {
    for (let partition = 0; partition < topic.partitions; partition += 1) await broker.setPartitionLeader(topic.name, partition, 2);
  }
  simulator = createSimulator({ seed: 7 });
  const urls = await simulator.listen(0);
  producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "mds-int", logger: quietKafkaLog });
  await producer.connect();
  service = createMarketDataService({
    config: {
      markets: MARKETS,
      feed: { wsUrl: urls.wsUrl, restUrl: urls.restUrl, source: "simulator" },
      staleLinkMs: STALE_LINK_MS,
      reconnectIntervalMs: 500,
      candleHistoryMinutes: 1_500,
      updatesTopic: TOPICS.marketUpdates.name,
      candlesTopic: TOPICS.candles.name,
    },
    sink: producer,
    logger: silentLogger(),
    // Deterministic jitter: reconnect delays 250, 500, 1000, 2000 ms...
    random: () => 0.5,
    onUpdatesAcked: (updates, receivedAt) => {
      const ackedAt = Date.now();
      updates.forEach((update, i) => acked.push({ update, receivedAt: receivedAt[i] ?? 0, ackedAt }));
    },
  });
  await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", () => resolve()));
  readyUrl = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}/ready`;
  consumer = new KafkaConsumer({
    brokers: broker.bootstrapServers,
    clientId: "mds-int-consumer",
    groupId: `mds-int-${process.pid}-${Date.now()}`,
    maxWaitTimeInMs: 20,
    fromBeginning: true,
    logger: quietKafkaLog,
  });
  consumer.subscribe(TOPICS.marketUpdates, (value) => {
    consumedUpdates.push(value);
  });
  consumer.subscribe(TOPICS.candles, (value) => {
    consumedCandles.push(value);
  });
  await consumer.run();
  service.start();
}, 90_000);

afterAll(async () => {
  await service?.stop(2_000);
  await consumer?.stop();
  await producer?.disconnect();
  await simulator?.close();
  await new Promise<void>((resolve) => (service ? service.server.close(() => resolve()) : resolve()));
  await broker?.stop();
}, 60_000);

async function readyStatus(): Promise<number> {
  return (await fetch(readyUrl)).status;
}

function ackedAfter(t: number): { receivedAt: number; ackedAt: number } | undefined {
  return acked.find((a) => a.receivedAt >= t);
}

describe("market-data service end to end", () => {
  it("delivers normalised updates per symbol in order, with exact decimal strings", async () => {
    await vi.waitFor(() => {
      for (const symbol of MARKETS) expect(consumedUpdates.filter((u) => u.symbol === symbol).length).toBeGreaterThan(20);
    }, { timeout: 20_000 });
    simulator.setQuote("SOL_USDC", "123.45", "123.47");
    await vi.waitFor(
      () => expect(consumedUpdates).toContainEqual(expect.objectContaining({ symbol: "SOL_USDC", bid: "123.45", ask: "123.47", price: "123.45", source: "simulator" })),
      { timeout: 10_000 },
    );
    simulator.resume("SOL_USDC");
    for (const symbol of MARKETS) {
      const consumed = consumedUpdates.filter((u) => u.symbol === symbol);
      const sent = acked.filter((a) => a.update.symbol === symbol).map((a) => a.update);
      const n = Math.min(consumed.length, sent.length);
      expect(n).toBeGreaterThan(5);
      // Same messages, same order as Kafka acknowledged them.
      expect(consumed.slice(0, n)).toEqual(sent.slice(0, n));
      for (let i = 1; i < consumed.length; i += 1) expect(consumed[i]?.timestamp).toBeGreaterThanOrEqual(consumed[i - 1]?.timestamp ?? 0);
      const decimals = symbol === "BTC_USDC" ? 1 : 2;
      for (const u of consumed) {
        expect(u.bid).toMatch(new RegExp(`^\\d+\\.\\d{${decimals}}$`));
        expect(u.ask).toMatch(new RegExp(`^\\d+\\.\\d{${decimals}}$`));
        expect(u.price).toMatch(new RegExp(`^\\d+\\.\\d{${decimals},${decimals + 1}}$`));
      }
    }
  });

  it("publishes ≥ 1,440 one-minute candles per market, then live candle updates", async () => {
    const history = (symbol: string) => new Set(consumedCandles.filter((c) => c.symbol === symbol && c.closed).map((c) => c.time));
    await vi.waitFor(() => {
      for (const symbol of MARKETS) expect(history(symbol).size).toBeGreaterThanOrEqual(1_440);
    }, { timeout: 30_000 });
    for (const symbol of MARKETS) {
      const times = [...history(symbol)].sort((a, b) => a - b);
      // Contiguous minutes covering at least 24 h.
      expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1_439 * 60);
    }
    await vi.waitFor(() => expect(service.candles.stats().pending).toBe(0), { timeout: 10_000 });
    const seen = consumedCandles.length;
    await vi.waitFor(() => expect(consumedCandles.slice(seen).some((c) => c.symbol === "SOL_USDC")).toBe(true), { timeout: 10_000 });
    const live = consumedCandles.slice(seen).find((c) => c.symbol === "SOL_USDC");
    expect(live?.time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 60_000) * 60 - 60);
    expect(live?.source).toBe("simulator");
  });

  it("is ready when healthy; after a dropped connection it is 503, then reconnects and publishes within 5 s", async () => {
    await vi.waitFor(async () => expect(await readyStatus()).toBe(200), { timeout: 10_000 });
    const refuseMs = 3_000;
    expect(simulator.drop({ refuseMs })).toBe(1);
    const feedBack = Date.now() + refuseMs;
    expect(await readyStatus()).toBe(503);
    await vi.waitFor(() => expect(ackedAfter(feedBack)).toBeDefined(), { timeout: feedBack - Date.now() + 8_000 });
    const first = ackedAfter(feedBack);
    expect((first?.ackedAt ?? Infinity) - feedBack).toBeLessThan(5_000);
    await vi.waitFor(async () => expect(await readyStatus()).toBe(200), { timeout: 5_000 });
  });

  it("treats 30 s of silence on an open socket as dead (503), and publishes within 5 s once frames return", async () => {
    const silenceMs = 30_000;
    simulator.silence(silenceMs);
    const silentFrom = Date.now();
    const feedBack = silentFrom + silenceMs;
    const statuses: number[] = [];
    await vi.waitFor(async () => expect(await readyStatus()).toBe(503), { timeout: STALE_LINK_MS + 2_000 });
    while (Date.now() < feedBack - 500) {
      statuses.push(await readyStatus());
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((s) => s === 503)).toBe(true);
    // Nothing was received while the feed was silent.
    expect(acked.filter((a) => a.receivedAt > silentFrom + 100 && a.receivedAt < feedBack)).toEqual([]);
    await vi.waitFor(() => expect(ackedAfter(feedBack)).toBeDefined(), { timeout: feedBack - Date.now() + 8_000 });
    expect((ackedAfter(feedBack)?.ackedAt ?? Infinity) - feedBack).toBeLessThan(5_000);
    expect(service.feed.reconnectCount()).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("rides out the partition leader down for 10 s: keeps reading, stays bounded, publishes the latest prices after", async () => {
    await vi.waitFor(async () => expect(await readyStatus()).toBe(200), { timeout: 10_000 });
    const framesBefore = (await service.metrics.framesIn.get()).values.reduce((sum, v) => sum + v.value, 0);
    const heapBefore = process.memoryUsage().heapUsed;
    await broker.brokerDown(2);
    const downAt = Date.now();
    let maxPending = 0;
    let maxCandlesPending = 0;
    let sawNotReady = false;
    // Prices keep moving during the outage; the final SOL quote must be what arrives afterwards.
    simulator.setQuote("SOL_USDC", "111.11", "111.13", { hold: false });
    while (Date.now() - downAt < 10_000) {
      const stats = service.updates.stats();
      maxPending = Math.max(maxPending, stats.pending);
      maxCandlesPending = Math.max(maxCandlesPending, service.candles.stats().pending);
      if ((await readyStatus()) === 503) sawNotReady = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    simulator.setQuote("SOL_USDC", "99.99", "100.01");
    const framesDuring = (await service.metrics.framesIn.get()).values.reduce((sum, v) => sum + v.value, 0) - framesBefore;
    await broker.brokerUp(2);
    expect(framesDuring).toBeGreaterThan(100);
    expect(maxPending).toBeLessThanOrEqual(MARKETS.length);
    expect(maxCandlesPending).toBeLessThanOrEqual(MARKETS.length * 1_620);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(sawNotReady).toBe(true);
    await vi.waitFor(
      () => expect(consumedUpdates).toContainEqual(expect.objectContaining({ symbol: "SOL_USDC", bid: "99.99", ask: "100.01" })),
      { timeout: 40_000, interval: 200 },
    );
    await vi.waitFor(async () => expect(await readyStatus()).toBe(200), { timeout: 20_000 });
    simulator.resume();
  }, 90_000);
});
