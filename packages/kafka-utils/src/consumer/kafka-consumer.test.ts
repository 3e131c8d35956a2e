import { describe, expect, it } from "vitest";
import { KafkaConsumer, type ConsumerStatus } from "./kafka-consumer";
import { silentLogger } from "../logger";
import { TOPICS } from "../topics";

describe("KafkaConsumer without a reachable broker", () => {
  it("run should keep reconnecting without rejecting, and stop should end it promptly", async () => {
    const statuses: ConsumerStatus[] = [];
    // Port 1 on localhost refuses connections: the broker is "not up yet".
    const consumer = new KafkaConsumer({
      brokers: ["127.0.0.1:1"],
      clientId: "unit",
      groupId: "unit-group",
      logger: silentLogger,
      onStatusChange: (status) => statuses.push(status),
    });
    consumer.subscribe(TOPICS.marketUpdates, () => undefined);
    expect(consumer.status()).toBe("stopped");
    let settled: "resolved" | "rejected" | null = null;
    const running = consumer.run().then(
      () => (settled = "resolved"),
      () => (settled = "rejected"),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(consumer.status()).toBe("connecting");
    expect(settled).toBeNull();

    const started = Date.now();
    await consumer.stop();
    expect(Date.now() - started).toBeLessThan(4_000);
    await running;
    expect(settled).toBe("resolved");
    expect(consumer.status()).toBe("stopped");
    expect(statuses).toEqual(["connecting", "stopped"]);
  });

  it("subscribe should refuse a second handler for the same topic, and run should need a subscription", async () => {
    const consumer = new KafkaConsumer({ brokers: ["127.0.0.1:1"], clientId: "unit", groupId: "g", logger: silentLogger });
    await expect(consumer.run()).rejects.toMatchObject({ code: "NO_SUBSCRIPTIONS" });
    consumer.subscribe(TOPICS.candles, () => undefined);
    expect(() => consumer.subscribe(TOPICS.candles, () => undefined)).toThrow(/already has a handler/);
  });
});
