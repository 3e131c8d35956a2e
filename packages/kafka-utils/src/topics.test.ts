import { describe, expect, it } from "vitest";
import { ALL_TOPICS, defineTopic, TOPICS, withTopicName } from "./topics";
import { z } from "zod";

const update = {
  schemaVersion: 1 as const,
  symbol: "SOL_USDC",
  price: "150.50",
  bid: "150.49",
  ask: "150.51",
  volume: "1000000",
  timestamp: 1694097600000,
  source: "backpack" as const,
};

describe("topic registry", () => {
  it("should register the contract topics with 3 partitions and their keys", () => {
    expect(TOPICS.marketUpdates.name).toBe("backpack-market-updates");
    expect(TOPICS.candles.name).toBe("backpack-candles");
    expect(ALL_TOPICS.map((t) => [t.name, t.partitions])).toEqual([
      ["backpack-market-updates", 3],
      ["backpack-candles", 3],
    ]);
    expect(TOPICS.marketUpdates.key(update)).toBe("SOL_USDC");
    expect(
      TOPICS.candles.key({
        schemaVersion: 1,
        symbol: "BTC_USDC",
        interval: "1m",
        time: 1694097600,
        open: null,
        high: null,
        low: null,
        close: null,
        volume: "0",
        closed: false,
        source: "simulator",
      }),
    ).toBe("BTC_USDC:1m");
  });

  it("should validate market updates with the shared schema", () => {
    expect(TOPICS.marketUpdates.schema.safeParse(update).success).toBe(true);
    expect(TOPICS.marketUpdates.schema.safeParse({ ...update, bid: "151" }).success).toBe(false);
  });

  it("withTopicName should rename a topic and keep its schema, partitions and key", () => {
    const renamed = withTopicName(TOPICS.marketUpdates, "my-updates");
    expect(renamed.name).toBe("my-updates");
    expect(renamed.schema).toBe(TOPICS.marketUpdates.schema);
    expect(renamed.partitions).toBe(3);
    expect(renamed.key(update)).toBe("SOL_USDC");
    expect(TOPICS.marketUpdates.name).toBe("backpack-market-updates");
  });

  it("defineTopic should reject names Kafka refuses and bad partition counts", () => {
    const base = { schema: z.string(), key: (v: string) => v };
    expect(() => defineTopic({ ...base, name: "has space", partitions: 1 })).toThrow(/invalid Kafka topic name/);
    expect(() => defineTopic({ ...base, name: "ok", partitions: 0 })).toThrow(/partition count/);
    expect(() => defineTopic({ ...base, name: "ok", partitions: 1.5 })).toThrow(/partition count/);
  });
});
