/**
 * Where a tick's time goes, hop by hop, from a Backpack frame to a Socket.IO frame at a client:
 * 1. market-data normalise + publish: frame received → Kafka acknowledged the message;
 * 2. Kafka fetch wait: acknowledged → the engine's consumer hands it over (the dev broker parks a
 *    fetch for up to maxWait, so this is ~uniform in 0..maxWait; ≤ 0 when the fetch returned
 *    before the ack reached the producer);
 * 3. engine apply: handed over → the engine's applyQuote returned (validation, price band, book);
 * 4. gateway emit: applied → the client's `market:tick` handler (listeners, Socket.IO encode,
 *    loopback, client decode).
 * Both services run in this process on one clock (performance.now), fed by a local WebSocket
 * server and the dev broker, so the timestamps are taken at the hop boundaries with no
 * instrumentation in the services themselves: the bench wraps the engine's `execute` and reads
 * market-data's `onUpdatesAcked` hook. One client socket: the 1,000-socket figure is
 * engine-service.bench.ts's. Run: npx tsx bench/tick-path.bench.ts
 */
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { io as connect } from "socket.io-client";
import { WebSocketServer, type WebSocket } from "ws";
import { createEngine, type Engine } from "@repo/engine-core/engine";
import { startDevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import { recordTarget } from "@repo/bench-kit";
import { createMarketDataService } from "market-data-service/service";
import { KafkaMarketFeed } from "../src/adapters/kafka-market-feed";
import { openSqliteStores } from "../src/adapters/sqlite/open-sqlite-stores";
import { createApp } from "../src/app";
import { listen } from "../src/test-support/listen";
import { engineConfig } from "../src/trading/restore-engine";

const SAMPLES = 100;
const MAX_WAIT_MS = 5;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Per exchange timestamp (ms, unique per sample): the time at each hop boundary. */
interface Trace {
  received?: number;
  acked?: number;
  consumed?: number;
  applied?: number;
  delivered?: number;
}

let seq = 0;
function bookTicker(eventMs: number): string {
  seq += 1;
  const bid = (15_000 + (seq % 50)) / 100;
  const E = eventMs * 1000;
  return `{"data":{"A":"1.00","B":"2.00","E":${E},"T":${E},"a":"${(bid + 0.02).toFixed(2)}","b":"${bid.toFixed(2)}","e":"bookTicker","s":"SOL_USDC","u":${seq}},"stream":"bookTicker.SOL_USDC"}`;
}

/** Times the engine's applyQuote: the end of hop 3. */
function timedEngine(engine: Engine, traces: Map<number, Trace>): Engine {
  const execute = engine.execute.bind(engine);
  engine.execute = ((command) => {
    const out = execute(command);
    if (command.type === "applyQuote") {
      const trace = traces.get(command.timestamp);
      if (trace !== undefined) trace.applied = now();
    }
    return out;
  });
  return engine;
}

async function main(): Promise<void> {
  console.log(`tick path bench (node ${process.version}, dev broker, maxWait ${MAX_WAIT_MS} ms, 1 socket)\n`);
  const traces = new Map<number, Trace>();
  const broker = await startDevBroker({ brokers: 1 });
  const producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "tick-path-bench", logger: silent });
  await producer.connect();

  // ---- engine, in process, with its real Kafka feed ----
  const stores = openSqliteStores(":memory:");
  const engine = timedEngine(createEngine(engineConfig(10_000)), traces);
  const kafkaFeed = new KafkaMarketFeed({
    brokers: broker.bootstrapServers,
    groupId: "tick-path-bench",
    topic: TOPICS.marketUpdates.name,
    candlesTopic: TOPICS.candles.name,
    maxWaitTimeInMs: MAX_WAIT_MS,
    logger: silent,
  });
  const app = await createApp({
    stores,
    engine,
    feed: {
      start: (handlers) =>
        kafkaFeed.start({
          onMarketUpdate: (update) => {
            const trace = traces.get(update.timestamp);
            if (trace !== undefined) trace.consumed = now();
            handlers.onMarketUpdate(update);
          },
          onCandle: (candle) => handlers.onCandle(candle),
        }),
      stop: () => kafkaFeed.stop(),
      status: () => kafkaFeed.status(),
    },
    config: { webOrigins: ["http://localhost:3000"], rateLimit: { ipPerMinute: 1_000_000, userPerMinute: 1_000_000 } },
  });
  const baseUrl = await listen(app);
  const socket = connect(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  socket.emit("market:subscribe", { symbols: ["SOL_USDC"] });
  socket.on("market:tick", (tick: { timestamp: number }) => {
    const trace = traces.get(tick.timestamp);
    if (trace !== undefined) trace.delivered ??= now();
  });

  // ---- market-data, in process, fed by a local Backpack-shaped WebSocket server ----
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => wss.once("listening", resolve));
  const link: { client: WebSocket | null } = { client: null };
  const connected = new Promise<void>((resolve) =>
    wss.on("connection", (ws) => {
      link.client = ws;
      resolve();
    }),
  );
  const marketData = createMarketDataService({
    config: {
      markets: ["SOL_USDC"],
      feed: { wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, restUrl: "http://127.0.0.1:9", source: "simulator" },
      staleLinkMs: 60_000,
      reconnectIntervalMs: 1_000,
      candleHistoryMinutes: 1,
      updatesTopic: TOPICS.marketUpdates.name,
      candlesTopic: TOPICS.candles.name,
    },
    sink: producer,
    logger: pino({ level: "silent" }),
    now,
    onUpdatesAcked: (updates, receivedAt) => {
      const t = now();
      updates.forEach((update, i) => {
        const trace = traces.get(update.timestamp);
        if (trace === undefined) return;
        trace.acked = t;
        trace.received = receivedAt[i];
      });
    },
  });
  marketData.start();
  await connected;

  try {
    // Warm up until a frame makes it all the way (the engine's group join takes seconds).
    const warmDeadline = Date.now() + 30_000;
    for (;;) {
      const eventMs = Date.now();
      traces.set(eventMs, {});
      link.client?.send(bookTicker(eventMs));
      await sleep(200);
      if (traces.get(eventMs)?.delivered !== undefined) break;
      if (Date.now() > warmDeadline) throw new Error("no tick reached the socket within 30 s");
    }
    traces.clear();
    for (let i = 0; i < SAMPLES; i += 1) {
      const eventMs = Date.now();
      traces.set(eventMs, {});
      link.client?.send(bookTicker(eventMs));
      // Beyond the gateway's 100 ms coalescing window, so each tick is sent on its own.
      await sleep(150);
    }
    await sleep(500);

    const hops = { publish: [] as number[], fetch: [] as number[], apply: [] as number[], emit: [] as number[], total: [] as number[] };
    for (const t of traces.values()) {
      const { received, acked, consumed, applied, delivered } = t;
      if (received === undefined || acked === undefined || consumed === undefined || applied === undefined || delivered === undefined) continue;
      hops.publish.push(acked - received);
      hops.fetch.push(consumed - acked);
      hops.apply.push(applied - consumed);
      hops.emit.push(delivered - applied);
      hops.total.push(delivered - received);
    }
    for (const list of Object.values(hops)) list.sort((a, b) => a - b);
    const show = (name: string, list: number[]) =>
      console.log(`${name.padEnd(48)} p50 ${percentile(list, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(list, 99).toFixed(2).padStart(7)} ms`);
    console.log(`${hops.total.length} of ${SAMPLES} frames traced end to end`);
    show("1. market-data normalise + publish (→ ack)", hops.publish);
    show("2. Kafka fetch wait (ack → engine consumer)", hops.fetch);
    show("3. engine apply (consumer → applyQuote done)", hops.apply);
    show("4. gateway emit (applied → client handler)", hops.emit);
    show("   frame → socket, total", hops.total);
    const figure = (list: number[]) => `${percentile(list, 50).toFixed(2)} / ${percentile(list, 99).toFixed(2)}`;
    recordTarget({
      bench: "trading-engine",
      figure: `tick hops p50 / p99 ms: publish ${figure(hops.publish)}, fetch ${figure(hops.fetch)}, apply ${figure(hops.apply)}, emit ${figure(hops.emit)}, total ${figure(hops.total)}`,
      value: `engine apply p99 ${percentile(hops.apply, 99).toFixed(2)} ms`,
      target: "≤ 1 ms, every frame traced",
      ok: hops.total.length === SAMPLES && percentile(hops.apply, 99) <= 1,
    });
  } finally {
    socket.disconnect();
    await marketData.stop(2_000);
    for (const c of wss.clients) c.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await app.close();
    stores.database.close();
    await producer.disconnect();
    await broker.stop();
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
