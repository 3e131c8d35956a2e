import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from "kafkajs";
import { describe, expect, it } from "vitest";
import { isRetriable, KafkaUtilsError, toKafkaUtilsError } from "./errors";

function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  const raw = Object.assign(new Error(`broker said ${type}`), { type, code: 6, retriable });
  return new KafkaJSProtocolError(raw);
}

describe("toKafkaUtilsError", () => {
  it("should keep the protocol error type as code and its retriable flag", () => {
    const mapped = toKafkaUtilsError(protocolError("NOT_LEADER_FOR_PARTITION", true));
    expect(mapped).toBeInstanceOf(KafkaUtilsError);
    expect(mapped.code).toBe("NOT_LEADER_FOR_PARTITION");
    expect(mapped.retriable).toBe(true);
    expect(toKafkaUtilsError(protocolError("INVALID_REQUEST", false)).retriable).toBe(false);
  });

  it("should map exhausted retries to the root cause, so a broker outage stays retriable", () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError("connect ECONNREFUSED"), {
      retryCount: 5,
      retryTime: 1000,
    });
    const mapped = toKafkaUtilsError(exhausted, "send failed");
    expect(mapped.code).toBe("CONNECTION");
    expect(mapped.retriable).toBe(true);
    expect(mapped.cause).toBe(exhausted);
    expect(mapped.message).toContain("send failed");
  });

  it("should name connection, timeout and non-retriable errors", () => {
    expect(toKafkaUtilsError(new KafkaJSRequestTimeoutError("timeout")).code).toBe("REQUEST_TIMEOUT");
    const nonRetriable = toKafkaUtilsError(new KafkaJSNonRetriableError("bad config"));
    expect(nonRetriable.code).toBe("NON_RETRIABLE");
    expect(nonRetriable.retriable).toBe(false);
  });

  it("should treat an aggregate as retriable only when every inner error is", () => {
    const allRetriable = new KafkaJSAggregateError("two brokers", [new KafkaJSConnectionError("a"), new KafkaJSConnectionError("b")]);
    const mixed = new KafkaJSAggregateError("two brokers", [new KafkaJSConnectionError("a"), new KafkaJSNonRetriableError("b")]);
    expect(toKafkaUtilsError(allRetriable).retriable).toBe(true);
    expect(toKafkaUtilsError(mixed).retriable).toBe(false);
  });

  it("should return a KafkaUtilsError unchanged and wrap non-errors as non-retriable", () => {
    const own = new KafkaUtilsError("X", "x", { retriable: true });
    expect(toKafkaUtilsError(own)).toBe(own);
    const wrapped = toKafkaUtilsError("boom");
    expect(wrapped.code).toBe("KAFKA_ERROR");
    expect(wrapped.retriable).toBe(false);
  });
});

describe("isRetriable", () => {
  it("should read the flag, never the message text", () => {
    expect(isRetriable(new KafkaUtilsError("A", "please retry", { retriable: false }))).toBe(false);
    expect(isRetriable(new KafkaUtilsError("A", "fatal", { retriable: true }))).toBe(true);
    expect(isRetriable(Object.assign(new Error("db busy"), { retriable: true }))).toBe(true);
    expect(isRetriable(new Error("retriable"))).toBe(false);
    expect(isRetriable("retriable")).toBe(false);
  });
});
