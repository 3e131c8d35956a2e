import { Kafka, logLevel } from "kafkajs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KafkaConsumer, type InvalidMessageInfo } from "./kafka-consumer";
import { startDevBroker, type DevBroker } from "../dev-broker/dev-broker";
import { KafkaUtilsError } from "../errors";
import { silentLogger } from "../logger";
import { KafkaProducer } from "../producer";
import { SEQ_BASE, updateWithSeq, waitFor } from "../testing/wait-for";
import { TOPICS, withTopicName } from "../topics";
import type { TMarketUpdate } from "@repo/shared-types/market";

const ORDER = withTopicName(TOPICS.marketUpdates, "it-order");
const RESTART = withTopicName(TOPICS.marketUpdates, "it-restart");
const INVALID = withTopicName(TOPICS.marketUpdates, "it-invalid");
const RETRY = withTopicName(TOPICS.marketUpdates, "it-retry");
const SYMBOLS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"] as const;

let broker: DevBroker;
let producer: KafkaProducer;
const consumers: KafkaConsumer[] = [];

function consumerFor(groupId: string, extra: Partial<ConstructorParameters<typeof KafkaConsumer>[0]> = {}): KafkaConsumer {
  const consumer = new KafkaConsumer({
    brokers: broker.bootstrapServers,
    clientId: "it",
    groupId,
    maxWaitTimeInMs: 20,
    fromBeginning: true,
    logger: silentLogger,
    ...extra,
  });
  consumers.push(consumer);
  return consumer;
}

const seqOf = (update: TMarketUpdate): number => update.timestamp - SEQ_BASE;

beforeAll(async () => {
  broker = await startDevBroker({
    brokers: 3,
    topics: [ORDER, RESTART, INVALID, RETRY].map(({ name, partitions }) => ({ name, partitions })),
  });
  producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "it-producer", logger: silentLogger });
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
});

afterAll(async () => {
  await producer.disconnect();
  await broker.stop();
});

describe("KafkaProducer + KafkaConsumer on the 3-broker dev broker", () => {
  it("a consumer group should read everything a producer wrote, in order per key", async () => {
    const received = new Map<string, number[]>(SYMBOLS.map((s) => [s, []]));
    const consumer = consumerFor("it-order-group");
    consumer.subscribe(ORDER, (update) => {
      received.get(update.symbol)?.push(seqOf(update));
    });
    await consumer.run();
    expect(consumer.status()).toBe("running");

    let seq = 0;
    for (let batch = 0; batch < 20; batch += 1) {
      const values = Array.from({ length: 15 }, () => updateWithSeq(SYMBOLS[seq % 3] ?? "SOL_USDC", seq++));
      await producer.send(ORDER, values);
    }
    await producer.send(ORDER, updateWithSeq("SOL_USDC", seq++));
    const total = seq;

    await waitFor(() => [...received.values()].reduce((n, list) => n + list.length, 0) >= total, "all messages");
    for (const [symbol, seqs] of received) {
      const expected = Array.from({ length: total }, (_, i) => i).filter((i) => SYMBOLS[i % 3] === symbol);
      expect(seqs, symbol).toEqual(expected);
    }
    expect(consumer.stats()).toMatchObject({ processed: total, invalid: 0, failed: 0 });
    const lag = await consumer.lag();
    expect(Object.keys(lag).length).toBeGreaterThan(0);
    expect(Object.values(lag).every((behind) => behind === 0)).toBe(true);
  });

  it("after a stop and restart the group should resume from the committed offset with no loss and no duplicate", async () => {
    const seen: number[] = [];
    const total = 240;
    const first = consumerFor("it-restart-group");
    first.subscribe(RESTART, (update) => {
      seen.push(seqOf(update));
    });
    await first.run();

    let seq = 0;
    const producing = (async () => {
      while (seq < total) {
        const values = Array.from({ length: 8 }, () => updateWithSeq(SYMBOLS[seq % 3] ?? "SOL_USDC", seq++));
        await producer.send(RESTART, values);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitFor(() => seen.length >= 60, "the first consumer to process some messages");
    await first.stop();
    expect(first.status()).toBe("stopped");
    const byFirst = seen.length;
    expect(byFirst).toBeLessThan(total);

    const second = consumerFor("it-restart-group");
    second.subscribe(RESTART, (update) => {
      seen.push(seqOf(update));
    });
    await second.run();
    await producing;
    await waitFor(() => seen.length >= total, "the second consumer to catch up");
    // Give a duplicate a chance to show up before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(second.stats().processed).toBe(total - byFirst);
  });

  it("invalid messages should be skipped and counted, never fatal", async () => {
    const raw = new Kafka({ clientId: "it-raw", brokers: broker.bootstrapServers, logLevel: logLevel.NOTHING }).producer();
    await raw.connect();
    const valid = (seq: number): string => JSON.stringify(updateWithSeq("SOL_USDC", seq));
    await raw.send({
      topic: INVALID.name,
      messages: [
        { key: "SOL_USDC", value: valid(0) },
        { key: "SOL_USDC", value: "{not json" },
        { key: "SOL_USDC", value: JSON.stringify({ ...updateWithSeq("SOL_USDC", 99), price: 1.5 }) },
        { key: "SOL_USDC", value: null },
        { key: "SOL_USDC", value: Buffer.from([0xff, 0xfe, 0x00]) },
        { key: "SOL_USDC", value: valid(1) },
      ],
    });
    await raw.disconnect();

    const handled: number[] = [];
    const invalid: InvalidMessageInfo[] = [];
    const consumer = consumerFor("it-invalid-group", { onInvalid: (info) => invalid.push(info) });
    consumer.subscribe(INVALID, (update) => {
      handled.push(seqOf(update));
    });
    await consumer.run();
    await waitFor(() => handled.length >= 2, "the valid messages around the invalid ones");
    expect(handled).toEqual([0, 1]);
    expect(consumer.stats().invalid).toBe(4);
    expect(invalid.map((i) => i.offset)).toEqual(["1", "2", "3", "4"]);
    expect(invalid[0]?.reason).toBe("value is not JSON");
    expect(invalid[1]?.reason).toContain("price");

    await producer.send(INVALID, updateWithSeq("SOL_USDC", 2));
    await waitFor(() => handled.length >= 3, "a message after the invalid ones");
    expect(consumer.status()).toBe("running");
  });

  it("retriable handler errors should be retried in order; non-retriable ones skipped and counted", async () => {
    const attempts = new Map<number, number>();
    const done: number[] = [];
    const consumer = consumerFor("it-retry-group", { handlerRetry: { initialMs: 10, maxMs: 50 } });
    consumer.subscribe(RETRY, (update) => {
      const seq = seqOf(update);
      const attempt = (attempts.get(seq) ?? 0) + 1;
      attempts.set(seq, attempt);
      if (seq === 1 && attempt <= 3) throw new KafkaUtilsError("DB_BUSY", "database busy", { retriable: true });
      if (seq === 2) throw new Error("poison message");
      done.push(seq);
    });
    await consumer.run();
    await producer.send(
      RETRY,
      [0, 1, 2, 3].map((seq) => updateWithSeq("ETH_USDC", seq)),
    );
    await waitFor(() => done.length >= 3, "messages after the failing ones");
    expect(done).toEqual([0, 1, 3]);
    expect(attempts.get(1)).toBe(4);
    expect(attempts.get(2)).toBe(1);
    expect(consumer.stats()).toMatchObject({ processed: 3, retried: 3, failed: 1, invalid: 0 });
  });

  it("send should refuse an invalid value with a non-retriable INVALID_MESSAGE and send nothing of the batch", async () => {
    const bad = { ...updateWithSeq("SOL_USDC", 1), bid: "200" };
    await expect(producer.send(ORDER, [updateWithSeq("SOL_USDC", 0), bad])).rejects.toMatchObject({
      code: "INVALID_MESSAGE",
      retriable: false,
    });
  });
});
