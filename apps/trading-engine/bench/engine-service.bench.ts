/**
 * Service bench (loopback only, bounded to ~1.5 min):
 * - open+close orders/s with p50/p99 at 1,000 req/s offered, 1,000 sockets connected, and unthrottled;
 * - GET /api/v1/state req/s unthrottled;
 * - tick-to-socket latency (Kafka produce → Socket.IO frame at a client) p50/p99 at 1,000 sockets;
 * - baselines in the same run: fastify hello-world at the same rates, bare Socket.IO broadcast,
 *   and the bare Kafka hop (the same producer → a consumer with the engine's maxWait, no engine).
 * Run: npm run bench -w trading-engine
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { io as connect, type Socket } from "socket.io-client";
import { startDevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaConsumer } from "@repo/kafka-utils/consumer";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS, withTopicName } from "@repo/kafka-utils/topics";
import { recordTarget } from "@repo/bench-kit";
import { api, spawnEngine } from "../src/test-support/engine-process";

const SOCKETS = 1_000;
const RATES = [1_000];
const ORDER_SECONDS = 8;
const TICK_SAMPLES = 30;
/** The engine's KAFKA_MAX_WAIT_MS in this bench; the bare hop consumer uses the same. */
const MAX_WAIT_MS = 5;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const here = path.dirname(fileURLToPath(import.meta.url));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function row(name: string, values: Record<string, string | number>): void {
  console.log(`${name.padEnd(44)} ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join("  ")}`);
}

async function connectMany(url: string, count: number, subscribe: boolean): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let batch = 0; batch < count; batch += 100) {
    const group = Array.from({ length: Math.min(100, count - batch) }, () => {
      const socket = connect(url, { transports: ["websocket"], reconnection: false, forceNew: true });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once("connect", () => {
          if (subscribe) socket.emit("market:subscribe", { symbols: ["SOL_USDC"] });
          resolve();
        });
        socket.once("connect_error", reject);
      });
    });
    await Promise.all(group);
  }
  return sockets;
}

async function tickLatency(sockets: Socket[], trigger: () => Promise<void>, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const socket of sockets) {
    socket.on("market:tick", (tick: { timestamp: number }) => latencies.push(Date.now() - tick.timestamp));
  }
  for (let i = 0; i < samples; i += 1) {
    await trigger();
    // Spaced beyond the 100 ms coalescing window, so each tick is sent on its own.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const socket of sockets) socket.off("market:tick");
  return latencies.sort((a, b) => a - b);
}

const rateOf = (result: Result): number => Math.round(result.requests.total / result.duration);

function report(name: string, result: Result, unit = "req/s"): void {
  row(name, {
    [unit]: Math.round(result.requests.total / result.duration),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  });
}

/**
 * The transport alone: one message produced → handed to a consumer's handler (its own topic and
 * group, the engine's maxWait), spaced like the tick samples, latency from the stamped send time.
 */
async function bareKafkaHop(brokers: string[], producer: KafkaProducer, samples: number): Promise<number[]> {
  const topic = withTopicName(TOPICS.marketUpdates, "bench-bare-hop");
  const consumer = new KafkaConsumer({
    brokers,
    clientId: "bench-bare-hop",
    groupId: `bench-bare-hop-${Date.now()}`,
    maxWaitTimeInMs: MAX_WAIT_MS,
    fromBeginning: false,
    logger: silent,
  });
  const latencies: number[] = [];
  let expected = 0;
  consumer.subscribe(topic, (update) => {
    latencies.push(Date.now() - update.timestamp);
  });
  await consumer.run();
  const hop = () => ({ schemaVersion: 1 as const, symbol: "SOL_USDC", bid: "150.49", ask: "150.51", price: "150.5", volume: "1", timestamp: Date.now(), source: "simulator" as const });
  // The group may still be settling on its partitions: warm up until a message comes through.
  const warmDeadline = Date.now() + 20_000;
  while (latencies.length === 0 && Date.now() < warmDeadline) {
    await producer.send(topic, hop());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  latencies.length = 0;
  for (let i = 0; i < samples; i += 1) {
    await producer.send(topic, hop());
    expected += 1;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const deadline = Date.now() + 2_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await consumer.stop();
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`trading-engine service bench (node ${process.version}, loopback, ${SOCKETS} sockets)\n`);

  // ---- baselines ----
  const baseline = spawn(process.execPath, ["--import", "tsx", path.join(here, "baseline-servers.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve) => {
    createInterface({ input: baseline.stdout }).once("line", resolve);
  });
  const ports = JSON.parse(line) as { helloPort: number; ioPort: number };

  // ---- engine with a real dev broker ----
  const broker = await startDevBroker({ brokers: 1 });
  const producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "bench", logger: silent });
  await producer.connect();
  const dataDir = mkdtempSync(path.join(tmpdir(), "engine-bench-"));
  const engine = await spawnEngine({
    KAFKA_BROKERS: broker.bootstrapServers.join(","),
    DATA_DIR: dataDir,
    KAFKA_MAX_WAIT_MS: String(MAX_WAIT_MS),
    PRICE_STALE_MS: "600000",
    RATE_LIMIT_IP_PER_MIN: "100000000",
    RATE_LIMIT_USER_PER_MIN: "100000000",
    // 1,000 bench sockets come from one address.
    SOCKET_HANDSHAKES_PER_IP_PER_MIN: "100000000",
  });
  const quote = (symbol: string) => ({
    schemaVersion: 1 as const,
    symbol,
    bid: "150.49",
    ask: "150.51",
    price: "150.5",
    volume: "1",
    timestamp: Date.now(),
    source: "simulator" as const,
  });
  const publishAll = () => producer.send(TOPICS.marketUpdates, ["SOL_USDC", "BTC_USDC", "ETH_USDC"].map(quote));
  await publishAll();
  const readyDeadline = Date.now() + 30_000;
  while ((await api(engine.baseUrl, "GET", "/ready")).status !== 200) {
    if (Date.now() > readyDeadline) throw new Error("engine never became ready");
    await publishAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const signup = await api<{ token: string }>(engine.baseUrl, "POST", "/api/v1/auth/signup", { body: { email: "bench@example.com", password: "password123" } });
  const token = signup.body.token;

  try {
    // ---- ticks: Kafka produce → frame at each of 1,000 clients ----
    const engineSockets = await connectMany(engine.baseUrl, SOCKETS, true);
    const engineTicks = await tickLatency(engineSockets, async () => {
      await producer.send(TOPICS.marketUpdates, quote("SOL_USDC"));
    }, TICK_SAMPLES);
    row(`engine tick: Kafka produce → socket frame`, {
      frames: engineTicks.length,
      p50_ms: percentile(engineTicks, 50),
      p99_ms: percentile(engineTicks, 99),
    });
    const bareSockets = await connectMany(`http://127.0.0.1:${ports.ioPort}`, SOCKETS, false);
    const bareTicks = await tickLatency(bareSockets, async () => {
      await fetch(`http://127.0.0.1:${ports.ioPort}/broadcast`);
    }, TICK_SAMPLES);
    row(`bare Socket.IO broadcast → socket frame`, {
      frames: bareTicks.length,
      p50_ms: percentile(bareTicks, 50),
      p99_ms: percentile(bareTicks, 99),
    });
    const hopTimes = await bareKafkaHop(broker.bootstrapServers, producer, TICK_SAMPLES);
    row(`bare Kafka hop (produce → consumer, maxWait ${MAX_WAIT_MS} ms)`, {
      messages: hopTimes.length,
      p50_ms: percentile(hopTimes, 50),
      p99_ms: percentile(hopTimes, 99),
    });
    const bareSum = percentile(bareTicks, 99) + percentile(hopTimes, 99);
    recordTarget({
      bench: "trading-engine",
      figure: "tick Kafka → socket p99 at 1,000 sockets",
      value: `${percentile(engineTicks, 99)} ms`,
      target: `≤ 1.2 × (bare broadcast p99 ${percentile(bareTicks, 99)} + bare hop p99 ${percentile(hopTimes, 99)}) = ${(1.2 * bareSum).toFixed(1)} ms`,
      ok: percentile(engineTicks, 99) <= 1.2 * bareSum,
    });
    for (const s of bareSockets) s.disconnect();
    console.log("");

    // ---- orders with 1,000 engine sockets connected and a 5 Hz quote stream ----
    const ticker = setInterval(() => void publishAll().catch(() => undefined), 200);
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    for (const rate of RATES) {
      const result = await autocannon({
        url: engine.baseUrl,
        connections: 50,
        duration: ORDER_SECONDS,
        overallRate: rate,
        requests: [
          {
            method: "POST",
            path: "/api/v1/positions/open",
            headers,
            body: JSON.stringify({ asset: "SOL", type: "long", margin: 1, leverage: 1 }),
            onResponse: (_status, body, context) => {
              context.positionId = (JSON.parse(body) as { positionId?: string }).positionId;
            },
          },
          {
            method: "POST",
            path: "/api/v1/positions/close",
            headers,
            setupRequest: (request, context) => ({ ...request, body: JSON.stringify({ positionId: context.positionId }) }),
          },
        ],
      });
      report(`engine open+close @ ${rate} req/s offered`, result, "orders/s");
      recordTarget({ bench: "trading-engine", figure: `open+close p99 @ ${rate}/s offered, ${SOCKETS} sockets`, value: `${result.latency.p99} ms`, target: "≤ 30 ms", ok: result.latency.p99 <= 30 });
      const hello = await autocannon({ url: `http://127.0.0.1:${ports.helloPort}`, connections: 50, duration: ORDER_SECONDS, overallRate: rate });
      report(`fastify hello-world @ ${rate} req/s offered`, hello);
    }
    clearInterval(ticker);
    const engineMax = await autocannon({
      url: engine.baseUrl,
      connections: 50,
      duration: ORDER_SECONDS,
      requests: [
        {
          method: "POST",
          path: "/api/v1/positions/open",
          headers,
          body: JSON.stringify({ asset: "SOL", type: "long", margin: 1, leverage: 1 }),
          onResponse: (_status, body, context) => {
            context.positionId = (JSON.parse(body) as { positionId?: string }).positionId;
          },
        },
        {
          method: "POST",
          path: "/api/v1/positions/close",
          headers,
          setupRequest: (request, context) => ({ ...request, body: JSON.stringify({ positionId: context.positionId }) }),
        },
      ],
    });
    report("engine open+close, unthrottled", engineMax, "orders/s");
    const helloMax = await autocannon({ url: `http://127.0.0.1:${ports.helloPort}`, connections: 50, duration: ORDER_SECONDS });
    report("fastify hello-world, unthrottled", helloMax);
    const orderRatio = rateOf(engineMax) / rateOf(helloMax);
    recordTarget({ bench: "trading-engine", figure: "open+close orders/s vs hello-world req/s", value: `${rateOf(engineMax)} / ${rateOf(helloMax)} = ${(orderRatio * 100).toFixed(1)} %`, target: "≥ 25 %", ok: orderRatio >= 0.25 });
    const stateMax = await autocannon({ url: `${engine.baseUrl}/api/v1/state`, connections: 50, duration: ORDER_SECONDS, headers: { authorization: `Bearer ${token}` } });
    report("engine GET /api/v1/state, unthrottled", stateMax);
    const stateRatio = rateOf(stateMax) / rateOf(helloMax);
    recordTarget({ bench: "trading-engine", figure: "GET /state req/s vs hello-world req/s", value: `${rateOf(stateMax)} / ${rateOf(helloMax)} = ${(stateRatio * 100).toFixed(1)} %`, target: "≥ 50 %", ok: stateRatio >= 0.5 });
    for (const s of engineSockets) s.disconnect();
    const state = await api<{ balances: { USD: number } }>(engine.baseUrl, "GET", "/api/v1/state", { token });
    row("ledger after the run", { USD: state.body.balances.USD });
  } finally {
    engine.child.kill("SIGTERM");
    await engine.exited;
    baseline.kill("SIGTERM");
    await producer.disconnect();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
