/**
 * `npm run bench -w @repo/kafka-utils`: the wrapper (KafkaProducer/KafkaConsumer) against raw
 * kafkajs with the same client settings, in the same run, on the same 3-broker dev broker.
 * 1. latency: single messages at RATE msg/s (Poisson arrivals), produce→consume, both pipelines
 *    running at the same time so they see the same machine load;
 * 2. produce throughput: batched sends, paired rounds (order alternating), median of the ratios;
 * 3. consume throughput: each side drains the same pre-written backlog, in alternating rounds;
 * 4. the wrapper's own CPU per message (validate + encode + decode + validate).
 * Producer and consumer are measured apart because in the services they run in different
 * processes (market-data produces, the engine consumes). Exits 1 when the wrapper costs more
 * than 10% over raw kafkajs on p50 latency, produce or consume throughput.
 */
import { recordTarget } from "@repo/bench-kit";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Kafka, logLevel, type Producer } from "kafkajs";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { KafkaConsumer } from "../src/consumer/kafka-consumer";
import { startDevBroker } from "../src/dev-broker/dev-broker";
import { decodeValue, encodeValue } from "../src/json-codec";
import { silentLogger } from "../src/logger";
import { KafkaProducer } from "../src/producer";
import { TOPICS, withTopicName, type TopicDefinition } from "../src/topics";

const { values: args } = parseArgs({
  options: {
    "max-wait": { type: "string", default: "5" },
    seconds: { type: "string", default: "15" },
    rate: { type: "string", default: "200" },
    batch: { type: "string", default: "100" },
    "produce-messages": { type: "string", default: "4000" },
    rounds: { type: "string", default: "20" },
    "consume-messages": { type: "string", default: "30000" },
    "consume-rounds": { type: "string", default: "4" },
  },
});
const MAX_WAIT = Number(args["max-wait"]);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const BATCH = Number(args.batch);
const PRODUCE_MESSAGES = Number(args["produce-messages"]);
const ROUNDS = Number(args.rounds);
const CONSUME_MESSAGES = Number(args["consume-messages"]);
const CONSUME_ROUNDS = Number(args["consume-rounds"]);
const SYMBOLS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"] as const;
const SEQ_BASE = 1_694_097_600_000;
const GROUP_SETTINGS = { maxWaitTimeInMs: MAX_WAIT, sessionTimeout: 6_000, heartbeatInterval: 500 };

const topics = {
  latWrapper: withTopicName(TOPICS.marketUpdates, "bench-lat-wrapper"),
  latRaw: withTopicName(TOPICS.marketUpdates, "bench-lat-raw"),
  produceWrapper: withTopicName(TOPICS.marketUpdates, "bench-produce-wrapper"),
  produceRaw: withTopicName(TOPICS.marketUpdates, "bench-produce-raw"),
  backlog: withTopicName(TOPICS.marketUpdates, "bench-backlog"),
};

function update(seq: number): TMarketUpdate {
  return {
    schemaVersion: 1,
    symbol: SYMBOLS[((seq % 3) + 3) % 3] ?? "SOL_USDC",
    price: "150.50",
    bid: "150.49",
    ask: "150.51",
    volume: "1000000",
    timestamp: SEQ_BASE + seq,
    source: "simulator",
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const median = (list: number[]): number => percentile([...list].sort((a, b) => a - b), 50);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(1);
  }
}

interface Sink {
  received: Map<number, number>;
  count: number;
}
const newSink = (): Sink => ({ received: new Map(), count: 0 });

async function main(): Promise<void> {
  const started = performance.now();
  const broker = await startDevBroker({ brokers: 3, topics: Object.values(topics) });
  const brokers = broker.bootstrapServers;
  const cleanups: (() => Promise<void>)[] = [() => broker.stop()];
  let groupSeq = 0;

  try {
    const wProducer = new KafkaProducer({ brokers, clientId: "bench-wrapper", logger: silentLogger });
    await wProducer.connect();
    cleanups.push(() => wProducer.disconnect());
    // Raw kafkajs with the settings KafkaProducer/KafkaConsumer use.
    const kafka = new Kafka({
      clientId: "bench-raw",
      brokers,
      connectionTimeout: 1_000,
      requestTimeout: 10_000,
      logLevel: logLevel.NOTHING,
      retry: { retries: 6, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    const rProducer: Producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await rProducer.connect();
    cleanups.push(() => rProducer.disconnect());

    const wrapperSend = (topic: TopicDefinition<TMarketUpdate>, values: TMarketUpdate[]): Promise<void> => wProducer.send(topic, values);
    const rawSend = async (topic: string, values: TMarketUpdate[]): Promise<void> => {
      await rProducer.send({ topic, acks: -1, messages: values.map((value) => ({ key: value.symbol, value: JSON.stringify(value) })) });
    };

    /** Wrapper consumer recording receive times; returns its stop function. */
    const startWrapperConsumer = async (topic: TopicDefinition<TMarketUpdate>, sink: Sink): Promise<() => Promise<void>> => {
      const consumer = new KafkaConsumer({
        brokers,
        clientId: "bench-wrapper",
        groupId: `bench-w-${(groupSeq += 1)}`,
        fromBeginning: true,
        logger: silentLogger,
        ...GROUP_SETTINGS,
      });
      consumer.subscribe(topic, (value) => {
        sink.received.set(value.timestamp - SEQ_BASE, performance.now());
        sink.count += 1;
      });
      await consumer.run();
      const stop = (): Promise<void> => consumer.stop();
      cleanups.push(stop);
      return stop;
    };
    /** Raw consumer as kafkajs documents it: eachMessage, autoCommit, JSON.parse. */
    const startRawConsumer = async (topic: string, sink: Sink): Promise<() => Promise<void>> => {
      const consumer = kafka.consumer({ groupId: `bench-r-${(groupSeq += 1)}`, allowAutoTopicCreation: false, ...GROUP_SETTINGS });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const value = JSON.parse(message.value?.toString("utf8") ?? "null") as TMarketUpdate;
          sink.received.set(value.timestamp - SEQ_BASE, performance.now());
          sink.count += 1;
          return Promise.resolve();
        },
      });
      const stop = (): Promise<void> => consumer.disconnect();
      cleanups.push(stop);
      return stop;
    };

    // --- 1. latency
    const latW = newSink();
    const latR = newSink();
    const stopLatW = await startWrapperConsumer(topics.latWrapper, latW);
    const stopLatR = await startRawConsumer(topics.latRaw.name, latR);
    // Both consumers have joined once a probe comes back through each.
    await Promise.all([wrapperSend(topics.latWrapper, [update(-1)]), rawSend(topics.latRaw.name, [update(-1)])]);
    await waitFor(() => latW.count >= 1 && latR.count >= 1, "the latency consumers to receive a probe");
    latW.count = 0;
    latR.count = 0;

    const total = Math.round(SECONDS * RATE);
    const warmup = Math.round(RATE * 2);
    const sentW = new Map<number, number>();
    const sentR = new Map<number, number>();
    const sends: Promise<void>[] = [];
    // Poisson arrivals: a fixed 5 ms tick can phase-lock with a consumer's fetch loop and bias
    // one side; random gaps give both sides the same distribution.
    let due = performance.now();
    for (let i = 0; i < total; i += 1) {
      due += (-Math.log(1 - Math.random()) * 1_000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait - 0.5);
      const value = update(i);
      const sendW = (): void => {
        sentW.set(i, performance.now());
        sends.push(wrapperSend(topics.latWrapper, [value]));
      };
      const sendR = (): void => {
        sentR.set(i, performance.now());
        sends.push(rawSend(topics.latRaw.name, [value]));
      };
      if (i % 2 === 0) {
        sendW();
        sendR();
      } else {
        sendR();
        sendW();
      }
    }
    await Promise.all(sends);
    await waitFor(() => latW.count >= total && latR.count >= total, "latency messages");
    await stopLatW();
    await stopLatR();
    const latencies = (sink: Sink, sent: Map<number, number>): number[] => {
      const list: number[] = [];
      for (let i = warmup; i < total; i += 1) {
        const at = sink.received.get(i);
        const from = sent.get(i);
        if (at !== undefined && from !== undefined) list.push(at - from);
      }
      return list.sort((a, b) => a - b);
    };
    const lw = latencies(latW, sentW);
    const lr = latencies(latR, sentR);

    // --- 2. produce throughput, batched, paired rounds
    const produceRate = { wrapper: [] as number[], raw: [] as number[] };
    const runProduce = async (side: "wrapper" | "raw"): Promise<void> => {
      const start = performance.now();
      for (let offset = 0; offset < PRODUCE_MESSAGES; offset += BATCH) {
        const values = Array.from({ length: BATCH }, (_, k) => update(offset + k));
        if (side === "wrapper") await wrapperSend(topics.produceWrapper, values);
        else await rawSend(topics.produceRaw.name, values);
      }
      produceRate[side].push(PRODUCE_MESSAGES / ((performance.now() - start) / 1_000));
    };
    await runProduce("wrapper");
    await runProduce("raw");
    produceRate.wrapper.length = 0;
    produceRate.raw.length = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const side of round % 2 === 0 ? (["raw", "wrapper"] as const) : (["wrapper", "raw"] as const)) await runProduce(side);
    }
    const produceRatio = median(produceRate.wrapper.map((w, i) => w / (produceRate.raw[i] ?? Number.NaN)));

    // --- 3. consume throughput: drain the same backlog, first to last message
    // Twelve keys spread the backlog over all partitions (each retains only ~5 MiB on the mock).
    for (let offset = 0; offset < CONSUME_MESSAGES; offset += 500) {
      await rawSend(
        topics.backlog.name,
        Array.from({ length: 500 }, (_, k) => ({ ...update(offset + k), symbol: `S${(offset + k) % 12}_USDC` })),
      );
    }
    const consumeRate = { wrapper: [] as number[], raw: [] as number[] };
    const order = Array.from({ length: CONSUME_ROUNDS }, (_, i) => (i % 2 === 0 ? (["raw", "wrapper"] as const) : (["wrapper", "raw"] as const))).flat();
    for (const side of order) {
      const sink = newSink();
      const stop =
        side === "wrapper" ? await startWrapperConsumer(topics.backlog, sink) : await startRawConsumer(topics.backlog.name, sink);
      await waitFor(() => sink.count >= CONSUME_MESSAGES, `${side} to drain the backlog`);
      await stop();
      const times = [...sink.received.values()];
      consumeRate[side].push((CONSUME_MESSAGES - 1) / ((Math.max(...times) - Math.min(...times)) / 1_000));
    }
    const consume = { w: median(consumeRate.wrapper), r: median(consumeRate.raw) };

    // --- 4. codec CPU per message
    const sample = update(1);
    const iterations = 50_000;
    let t = performance.now();
    for (let i = 0; i < iterations; i += 1) decodeValue(TOPICS.marketUpdates, Buffer.from(encodeValue(TOPICS.marketUpdates, sample)));
    const wrapperCpuUs = ((performance.now() - t) * 1_000) / iterations;
    t = performance.now();
    for (let i = 0; i < iterations; i += 1) JSON.parse(Buffer.from(JSON.stringify(sample)).toString("utf8"));
    const rawCpuUs = ((performance.now() - t) * 1_000) / iterations;

    // --- report
    const pct = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
    const p50 = { w: percentile(lw, 50), r: percentile(lr, 50) };
    const p99 = { w: percentile(lw, 99), r: percentile(lr, 99) };
    const produce = { w: median(produceRate.wrapper), r: median(produceRate.raw) };
    const rows: string[][] = [
      [`latency p50 @${RATE}/s (ms)`, p50.w.toFixed(2), p50.r.toFixed(2), pct(p50.w / p50.r)],
      [`latency p99 @${RATE}/s (ms)`, p99.w.toFixed(2), p99.r.toFixed(2), pct(p99.w / p99.r)],
      [`produce msgs/s (batches of ${BATCH})`, produce.w.toFixed(0), produce.r.toFixed(0), pct(produceRatio)],
      ["consume msgs/s (backlog drain)", consume.w.toFixed(0), consume.r.toFixed(0), pct(consume.w / consume.r)],
      ["codec CPU per message (µs)", wrapperCpuUs.toFixed(2), rawCpuUs.toFixed(2), pct(wrapperCpuUs / rawCpuUs)],
    ];
    const widths = [36, 10, 12, 12];
    const line = (cells: string[]): string =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 10) : cell.padStart(widths[i] ?? 10))).join(" ");
    console.log("");
    console.log(
      `kafka-utils bench — 3-broker dev broker, maxWaitTimeInMs=${MAX_WAIT}, ${lw.length} latency samples per side, ` +
        `${ROUNDS} paired produce rounds × ${PRODUCE_MESSAGES}, backlog ${CONSUME_MESSAGES} × ${CONSUME_ROUNDS} per side`,
    );
    console.log("raw kafkajs: same client settings, used as kafkajs documents it (eachMessage + autoCommit, JSON.parse, no validation)");
    console.log(line(["metric (median)", "wrapper", "raw kafkajs", "wrapper/raw"]));
    console.log(line(widths.map((w) => "-".repeat(w))));
    for (const row of rows) console.log(line(row));
    const checks = {
      "p50 latency": p50.w <= p50.r * 1.1,
      "produce throughput": produceRatio >= 1 / 1.1,
      "consume throughput": consume.w >= consume.r / 1.1,
    };
    console.log("");
    console.log(
      `wrapper cost ≤ 10% over raw kafkajs: ${Object.entries(checks)
        .map(([name, ok]) => `${name} ${ok ? "OK" : "FAIL"}`)
        .join(", ")} (p99: reference only, dominated by the dev broker's fetch parking and machine load)`,
    );
    console.log(`total bench time ${((performance.now() - started) / 1_000).toFixed(1)} s`);
    recordTarget({ bench: "kafka-utils", figure: "p50 latency wrapper/raw", value: `${((p50.w / p50.r) * 100).toFixed(1)} %`, target: "≤ 110 %", ok: checks["p50 latency"] });
    recordTarget({ bench: "kafka-utils", figure: "produce throughput wrapper/raw", value: `${(produceRatio * 100).toFixed(1)} %`, target: "≥ 90.9 %", ok: checks["produce throughput"] });
    recordTarget({ bench: "kafka-utils", figure: "consume throughput wrapper/raw", value: `${((consume.w / consume.r) * 100).toFixed(1)} %`, target: "≥ 90.9 %", ok: checks["consume throughput"] });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

await main();
