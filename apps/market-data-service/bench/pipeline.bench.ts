// `npm run bench -w market-data-service`: frame-in → Kafka-ack latency at 100 frames/s and the
// maximum sustained frames/s of the service pipeline (parse → normalise → coalescing publisher →
// KafkaProducer → dev broker), next to a bare parse-and-send baseline measured in the same run.
import type { AddressInfo } from "node:net";
import { startDevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { pino } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { createMarketDataService } from "../src/service";

const SYMBOLS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let seq = 0;

function frame(): string {
  seq += 1;
  const symbol = SYMBOLS[seq % 3] ?? "SOL_USDC";
  const bid = 10_000 + (seq % 500);
  const E = Date.now() * 1000 + (seq % 1000);
  return `{"data":{"A":"1.00","B":"2.00","E":${E},"T":${E - 300},"a":"${(bid + 1) / 100}","b":"${bid / 100}","e":"bookTicker","s":"${symbol}","u":${seq}},"stream":"bookTicker.${symbol}"}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function paced(send: () => void, perSecond: number, seconds: number): Promise<void> {
  const start = performance.now();
  const total = perSecond * seconds;
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    send();
  }
}

const broker = await startDevBroker({ brokers: 1 });
const producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "mds-bench", logger: quiet });
await producer.connect();
const rows: { name: string; value: string }[] = [];

// ---------- baseline: JSON.parse + one awaited send per frame, no service ----------
{
  const latencies: number[] = [];
  const toUpdate = (text: string): TMarketUpdate => {
    const { data } = JSON.parse(text) as { data: { s: string; a: string; b: string; E: number } };
    return { schemaVersion: 1, symbol: data.s, price: data.b, bid: data.b, ask: data.a, volume: "0", timestamp: Math.floor(data.E / 1000), source: "simulator" };
  };
  const inFlight: Promise<void>[] = [];
  await paced(
    () => {
      const t0 = performance.now();
      inFlight.push(producer.send(TOPICS.marketUpdates, toUpdate(frame())).then(() => void latencies.push(performance.now() - t0)));
    },
    100,
    5,
  );
  await Promise.all(inFlight);
  rows.push({ name: "baseline parse+send @100/s p50 / p99 (ms)", value: `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)}` });
  const n = 5_000;
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await producer.send(TOPICS.marketUpdates, toUpdate(frame()));
  rows.push({ name: "baseline parse+send sequential max (frames/s)", value: (n / ((performance.now() - started) / 1000)).toFixed(0) });
}

// ---------- service pipeline fed by a local WebSocket server ----------
{
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => wss.once("listening", resolve));
  let client: WebSocket | null = null;
  const connected = new Promise<void>((resolve) =>
    wss.on("connection", (socket) => {
      client = socket;
      resolve();
    }),
  );
  const latencies: number[] = [];
  let ackedMessages = 0;
  const service = createMarketDataService({
    config: {
      markets: SYMBOLS,
      feed: { wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, restUrl: "http://127.0.0.1:9", source: "simulator" },
      staleLinkMs: 60_000,
      reconnectIntervalMs: 1_000,
      candleHistoryMinutes: 1_440,
      updatesTopic: TOPICS.marketUpdates.name,
      candlesTopic: TOPICS.candles.name,
    },
    sink: producer,
    logger: pino({ level: "silent" }),
    now: () => performance.timeOrigin + performance.now(),
    onUpdatesAcked: (updates, receivedAt) => {
      const t = performance.timeOrigin + performance.now();
      ackedMessages += updates.length;
      for (const r of receivedAt) latencies.push(t - r);
    },
  });
  service.start();
  await connected;
  const send = (): void => client?.send(frame());
  await paced(send, 100, 5);
  await service.updates.flush(5_000);
  rows.push({ name: "service frame-in→ack @100/s p50 / p99 (ms)", value: `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)}` });

  // Max sustained: offered load doubles until the service falls behind (backlog on the socket).
  const framesIn = async () => (await service.metrics.framesIn.get()).values.reduce((s, v) => s + v.value, 0);
  let best = 0;
  for (const rate of [1_000, 4_000, 16_000, 32_000, 64_000, 128_000]) {
    const before = await framesIn();
    const acksBefore = ackedMessages;
    const started = performance.now();
    const seconds = 3;
    // Batches every 10 ms keep the offered rate without a timer per frame.
    for (let tick = 0; tick < seconds * 100; tick += 1) {
      for (let i = 0; i < rate / 100; i += 1) send();
      const wait = started + (tick + 1) * 10 - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await sleep(200);
    const processed = (await framesIn()) - before;
    const achieved = processed / seconds;
    rows.push({
      name: `service offered ${rate}/s → processed (frames/s), Kafka messages acked`,
      value: `${achieved.toFixed(0)}, ${ackedMessages - acksBefore} (coalesced ${service.updates.stats().coalesced})`,
    });
    if (processed < rate * seconds * 0.98) break;
    best = rate;
    await service.updates.flush(5_000);
  }
  rows.push({ name: "service max sustained (offered frames/s fully processed; the sender shares the process)", value: String(best) });
  await service.stop(5_000);
  for (const c of wss.clients) c.terminate();
  await new Promise((resolve) => wss.close(resolve));
}

await producer.disconnect();
await broker.stop();
console.log("\nmarket-data-service pipeline bench (dev broker, 1 broker, this machine)\n");
for (const row of rows) console.log(`${row.name.padEnd(70)} ${row.value}`);
process.exit(0);
