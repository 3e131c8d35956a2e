import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KafkaConsumer, type ConsumerStatus } from "./consumer/kafka-consumer";
import { startDevBroker, type DevBroker } from "./dev-broker/dev-broker";
import { KafkaUtilsError } from "./errors";
import { silentLogger } from "./logger";
import { KafkaProducer } from "./producer";
import { SEQ_BASE, updateWithSeq, waitFor } from "./testing/wait-for";
import { TOPICS, withTopicName } from "./topics";

const OUTAGE = withTopicName(TOPICS.marketUpdates, "it-outage");
const LATE = withTopicName(TOPICS.marketUpdates, "it-late");
const LEADER = 2;

let broker: DevBroker;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  broker = await startDevBroker({ brokers: 3, topics: [OUTAGE, LATE] });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Faults outlive the clients that saw them: restore a healthy cluster for the next test.
  for (const id of [1, 2, 3]) await broker.brokerUp(id);
  await broker.clearRequestErrors();
});

afterAll(async () => {
  await broker.stop();
});

describe("faults on the 3-broker dev broker", () => {
  it("with the partition leader's broker down for a few seconds and back, nothing acknowledged should be lost", async () => {
    for (let partition = 0; partition < OUTAGE.partitions; partition += 1) {
      await broker.setPartitionLeader(OUTAGE.name, partition, LEADER);
    }
    const producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "it-outage-p", logger: silentLogger });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const consumer = new KafkaConsumer({
      brokers: broker.bootstrapServers,
      clientId: "it-outage-c",
      groupId: "it-outage-group",
      maxWaitTimeInMs: 20,
      fromBeginning: true,
      logger: silentLogger,
    });
    cleanups.push(() => consumer.stop());
    const consumed = new Set<number>();
    consumer.subscribe(OUTAGE, (update) => {
      consumed.add(update.timestamp - SEQ_BASE);
    });
    await consumer.run();

    const acked: number[] = [];
    const failed: KafkaUtilsError[] = [];
    let slowestAckMs = 0;
    let seq = 0;
    let outageOver = false;
    const producing = (async () => {
      // Keep sending through the outage, then a few more once the leader is back.
      let after = 0;
      while (after < 10) {
        if (outageOver) after += 1;
        const mine = seq++;
        const started = Date.now();
        try {
          await producer.send(OUTAGE, updateWithSeq("BTC_USDC", mine));
          acked.push(mine);
          slowestAckMs = Math.max(slowestAckMs, Date.now() - started);
        } catch (error) {
          if (!(error instanceof KafkaUtilsError)) throw error;
          failed.push(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    await waitFor(() => acked.length >= 20, "sends before the outage");
    await broker.brokerDown(LEADER);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await broker.brokerUp(LEADER);
    outageOver = true;
    await producing;

    expect(acked.length).toBeGreaterThan(20);
    // Proves the outage hit the sends: some acknowledgement waited for the leader to return.
    expect(slowestAckMs).toBeGreaterThan(1_000);
    expect(failed.every((error) => error.retriable)).toBe(true);
    await waitFor(() => acked.every((s) => consumed.has(s)), "every acknowledged message to be consumed", 40_000);
    expect(consumer.status()).toBe("running");
  }, 90_000);

  it("a consumer started while no broker is reachable should connect by itself once they come up", async () => {
    for (const id of [1, 2, 3]) await broker.brokerDown(id);
    const statuses: ConsumerStatus[] = [];
    const consumer = new KafkaConsumer({
      brokers: broker.bootstrapServers,
      clientId: "it-late-c",
      groupId: "it-late-group",
      maxWaitTimeInMs: 20,
      fromBeginning: true,
      logger: silentLogger,
      onStatusChange: (status) => statuses.push(status),
    });
    cleanups.push(() => consumer.stop());
    const got: number[] = [];
    consumer.subscribe(LATE, (update) => {
      got.push(update.timestamp - SEQ_BASE);
    });
    const running = consumer.run();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(consumer.status()).toBe("connecting");

    for (const id of [1, 2, 3]) await broker.brokerUp(id);
    await running;
    expect(consumer.status()).toBe("running");
    expect(statuses[0]).toBe("connecting");
    expect(statuses.at(-1)).toBe("running");

    const producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "it-late-p", logger: silentLogger });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await producer.send(LATE, updateWithSeq("SOL_USDC", 7));
    await waitFor(() => got.includes(7), "the message sent after the late connect");
  }, 90_000);

  it("send should fail with a retriable error when the cluster is unreachable, not hang", async () => {
    const producer = new KafkaProducer({
      brokers: broker.bootstrapServers,
      clientId: "it-down-p",
      logger: silentLogger,
      retry: { retries: 1, initialRetryTime: 100 },
    });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    for (const id of [1, 2, 3]) await broker.brokerDown(id);
    await expect(producer.send(LATE, updateWithSeq("SOL_USDC", 1))).rejects.toMatchObject({ retriable: true });
  }, 60_000);
});
