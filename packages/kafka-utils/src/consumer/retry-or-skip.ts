import type { EachBatchPayload } from "kafkajs";
import { isRetriable } from "../errors";
import type { KafkaLogger } from "../logger";
import type { ConsumerStats, HandlerRetryOptions, MessageHandler, MessageMeta } from "./kafka-consumer-options";

/** A message whose handler has just thrown `error`. */
export interface HandlerFailure {
  handler: MessageHandler<unknown>;
  value: unknown;
  meta: MessageMeta;
  error: unknown;
}

/** What a retry reads (the backoff) and writes (the counters, the log). */
export interface RetryContext {
  handlerRetry: HandlerRetryOptions | undefined;
  counters: ConsumerStats;
  logger: KafkaLogger;
}

/** The parts of a kafkajs batch a retry needs: whether to go on, and heartbeats while it waits. */
export type RetryBatch = Pick<EachBatchPayload, "isRunning" | "isStale" | "heartbeat">;

/**
 * After a handler failure: retries retriable errors in place with backoff (order kept), skips
 * anything else. Returns false when the consumer is stopping or rebalancing mid-retry, so the
 * message stays unresolved and is delivered again.
 */
export async function retryOrSkip(failure: HandlerFailure, batch: RetryBatch, context: RetryContext): Promise<boolean> {
  const { handler, value, meta } = failure;
  const { counters, logger } = context;
  const initialMs = context.handlerRetry?.initialMs ?? 100;
  const maxMs = context.handlerRetry?.maxMs ?? 5_000;
  const maxAttempts = context.handlerRetry?.maxAttempts ?? Number.POSITIVE_INFINITY;
  let error = failure.error;
  for (let attempt = 1; ; attempt += 1) {
    if (!isRetriable(error) || attempt >= maxAttempts) {
      counters.failed += 1;
      logger.error("handler failed; message skipped", {
        topic: meta.topic,
        partition: meta.partition,
        offset: meta.offset,
        retriable: isRetriable(error),
        error: error instanceof Error ? error.message : String(error),
      });
      return true;
    }
    counters.retried += 1;
    if (attempt === 1 || attempt % 10 === 0) {
      logger.warn("handler failed with a retriable error; retrying", {
        topic: meta.topic,
        partition: meta.partition,
        offset: meta.offset,
        attempt,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    const deadline = Date.now() + Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 20));
    // Sleep in short slices so heartbeats continue and stop/rebalance is noticed quickly.
    while (Date.now() < deadline) {
      if (!batch.isRunning() || batch.isStale()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
      await batch.heartbeat();
    }
    if (!batch.isRunning() || batch.isStale()) return false;
    try {
      await handler(value, meta);
      counters.processed += 1;
      return true;
    } catch (next) {
      error = next;
    }
  }
}
