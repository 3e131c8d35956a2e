import type { AddressInfo } from "node:net";
import { KafkaConsumer } from "@repo/kafka-utils/consumer";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { createMarketDataService, type MarketDataService } from "./service";
import { silentLogger } from "./test-support/silent-logger";

// A hand-driven Backpack socket → the real service → dev broker → KafkaConsumer.
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let broker: DevBroker;
let wss: WebSocketServer;
let producer: KafkaProducer;
let consumer: KafkaConsumer;
let service: MarketDataService;
const sockets: WebSocket[] = [];
const consumed: TMarketUpdate[] = [];

function bookTicker(bid: string, ask: string, eventMs: number, u: number): string {
  const us = eventMs * 1_000;
  return JSON.stringify({
    data: { A: "1", B: "1", E: us, T: us, a: ask, b: bid, e: "bookTicker", s: "SOL_USDC", u },
    stream: "bookTicker.SOL_USDC",
  });
}

function trade(price: string, eventMs: number): string {
  const us = eventMs * 1_000;
  return JSON.stringify({
    data: { E: us, T: us, a: "1", b: "2", e: "trade", m: true, p: price, q: "1", s: "SOL_USDC", t: eventMs },
    stream: "trade.SOL_USDC",
  });
}

beforeAll(async () => {
  broker = await startDevBroker({ brokers: 1 });
  wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  wss.on("connection", (socket) => sockets.push(socket));
  producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "mds-price-int", logger: quiet });
  await producer.connect();
  service = createMarketDataService({
    config: {
      markets: ["SOL_USDC"],
      // Nothing listens on port 1: the candle backfill fails fast and is irrelevant here.
      feed: { wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, restUrl: "http://127.0.0.1:1", source: "backpack" },
      staleLinkMs: 10_000,
      maxClockSkewMs: 2_000,
      reconnectIntervalMs: 500,
      candleHistoryMinutes: 1_440,
      updatesTopic: TOPICS.marketUpdates.name,
      candlesTopic: TOPICS.candles.name,
    },
    sink: producer,
    logger: silentLogger(),
    random: () => 0.5,
  });
  consumer = new KafkaConsumer({
    brokers: broker.bootstrapServers,
    clientId: "mds-price-int-consumer",
    groupId: `mds-price-int-${process.pid}-${Date.now()}`,
    maxWaitTimeInMs: 20,
    fromBeginning: true,
    logger: quiet,
  });
  consumer.subscribe(TOPICS.marketUpdates, (value) => {
    consumed.push(value);
  });
  await consumer.run();
  service.start();
  await vi.waitFor(() => expect(sockets.length).toBe(1), { timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await service?.stop(2_000);
  await consumer?.stop();
  await producer?.disconnect();
  await new Promise<void>((resolve) => {
    for (const s of wss.clients) s.terminate();
    wss.close(() => resolve());
  });
  await broker?.stop();
}, 60_000);

describe("market-data price integrity on the dev broker", () => {
  it("refuses a future-stamped frame and an out-of-order bookTicker; later real quotes flow with their book's time", async () => {
    const socket = sockets[0];
    if (socket === undefined) throw new Error("no socket");
    const now = Date.now();
    socket.send(bookTicker("100.00", "100.02", now, 10));
    socket.send(bookTicker("101.00", "101.02", now + 3_600_000, 11));
    socket.send(bookTicker("100.10", "100.12", now + 1, 12));
    // An older book (u below the last) arriving late must not overwrite the newer one.
    socket.send(bookTicker("90.00", "90.02", now + 2, 9));
    socket.send(trade("100.11", now + 500));
    await vi.waitFor(() => expect(consumed.some((u) => u.price === "100.11")).toBe(true), { timeout: 15_000 });

    expect(consumed.map((u) => u.bid)).not.toContain("101.00");
    expect(consumed.map((u) => u.bid)).not.toContain("90.00");
    expect(consumed.every((u) => u.timestamp <= now + 2_000)).toBe(true);
    const last = consumed.at(-1);
    // The trade re-sends the u=12 book under that book's time, not the trade's.
    expect(last).toMatchObject({ bid: "100.10", ask: "100.12", price: "100.11", timestamp: now + 1 });
    const metrics = await service.metrics.registry.metrics();
    expect(metrics).toMatch(/mds_updates_skipped_total\{reason="future-timestamp"\} 1/);
    expect(metrics).toMatch(/mds_updates_skipped_total\{reason="stale-update-id"\} 1/);
  }, 60_000);
});
