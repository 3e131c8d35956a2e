import { describe, expect, it } from "vitest";
import { KafkaUtilsError } from "../errors";
import { silentLogger } from "../logger";
import type { ConsumerStats, MessageMeta } from "./kafka-consumer-options";
import { retryOrSkip, type RetryBatch, type RetryContext } from "./retry-or-skip";

const meta: MessageMeta = { topic: "t", partition: 0, offset: "7", key: null, timestamp: "0" };
const retriable = () => new KafkaUtilsError("BROKER_DOWN", "later", { retriable: true });

function context(maxAttempts?: number): RetryContext & { counters: ConsumerStats } {
  return {
    handlerRetry: { initialMs: 1, maxMs: 2, ...(maxAttempts === undefined ? {} : { maxAttempts }) },
    counters: { processed: 0, invalid: 0, retried: 0, failed: 0 },
    logger: silentLogger,
  };
}

function batch(running = () => true): RetryBatch {
  return { isRunning: running, isStale: () => false, heartbeat: () => Promise.resolve() };
}

describe("retryOrSkip", () => {
  it("should retry a retriable failure until the handler succeeds", async () => {
    const ctx = context();
    let calls = 0;
    const handler = () => {
      calls += 1;
      if (calls < 3) throw retriable();
    };
    await expect(retryOrSkip({ handler, value: 1, meta, error: retriable() }, batch(), ctx)).resolves.toBe(true);
    expect(calls).toBe(3);
    expect(ctx.counters).toEqual({ processed: 1, invalid: 0, retried: 3, failed: 0 });
  });

  it("should skip a non-retriable failure without calling the handler again", async () => {
    const ctx = context();
    let calls = 0;
    const handler = () => {
      calls += 1;
    };
    await expect(retryOrSkip({ handler, value: 1, meta, error: new Error("poison") }, batch(), ctx)).resolves.toBe(true);
    expect(calls).toBe(0);
    expect(ctx.counters).toEqual({ processed: 0, invalid: 0, retried: 0, failed: 1 });
  });

  it("should skip a retriable failure once maxAttempts is reached", async () => {
    const ctx = context(2);
    const handler = () => {
      throw retriable();
    };
    await expect(retryOrSkip({ handler, value: 1, meta, error: retriable() }, batch(), ctx)).resolves.toBe(true);
    expect(ctx.counters).toEqual({ processed: 0, invalid: 0, retried: 1, failed: 1 });
  });

  it("should give the message back unresolved when the consumer stops mid-retry", async () => {
    const ctx = context();
    let calls = 0;
    const handler = () => {
      calls += 1;
    };
    await expect(retryOrSkip({ handler, value: 1, meta, error: retriable() }, batch(() => false), ctx)).resolves.toBe(false);
    expect(calls).toBe(0);
    expect(ctx.counters.processed).toBe(0);
  });
});
