import { describe, expect, it } from "vitest";
import { KafkaUtilsError } from "./errors";
import { decodeValue, encodeValue } from "./json-codec";
import { TOPICS } from "./topics";

const update = {
  schemaVersion: 1 as const,
  symbol: "ETH_USDC",
  price: "2500.10",
  bid: "2500.00",
  ask: "2500.20",
  volume: "12.5",
  timestamp: 1694097600000,
  source: "simulator" as const,
};

describe("encodeValue", () => {
  it("should encode a valid value as JSON that decodes to the same value", () => {
    const json = encodeValue(TOPICS.marketUpdates, update);
    expect(JSON.parse(json)).toEqual(update);
    expect(decodeValue(TOPICS.marketUpdates, Buffer.from(json))).toEqual({ ok: true, value: update });
  });

  it("should throw a non-retriable INVALID_MESSAGE naming the bad field", () => {
    let caught: unknown;
    try {
      encodeValue(TOPICS.marketUpdates, { ...update, price: 2500.1 as unknown as string });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KafkaUtilsError);
    expect((caught as KafkaUtilsError).code).toBe("INVALID_MESSAGE");
    expect((caught as KafkaUtilsError).retriable).toBe(false);
    expect((caught as KafkaUtilsError).message).toContain("price");
  });

  it("should drop unknown fields instead of sending them", () => {
    const json = encodeValue(TOPICS.marketUpdates, { ...update, extra: "x" } as typeof update);
    expect(JSON.parse(json)).not.toHaveProperty("extra");
  });
});

describe("decodeValue", () => {
  it("should report non-JSON, schema failures and tombstones as results, not exceptions", () => {
    expect(decodeValue(TOPICS.marketUpdates, Buffer.from("{not json"))).toEqual({ ok: false, reason: "value is not JSON" });
    const wrong = decodeValue(TOPICS.marketUpdates, Buffer.from(JSON.stringify({ ...update, schemaVersion: 2 })));
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? "" : wrong.reason).toContain("schemaVersion");
    expect(decodeValue(TOPICS.marketUpdates, null).ok).toBe(false);
  });
});
