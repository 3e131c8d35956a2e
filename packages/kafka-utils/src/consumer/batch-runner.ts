import type { EachBatchPayload } from "kafkajs";
import { toKafkaUtilsError } from "../errors";
import { decodeValue } from "../json-codec";
import type { KafkaLogger } from "../logger";
import type { TopicDefinition } from "../topics";
import type { ConsumerStats, KafkaConsumerOptions, MessageHandler, MessageMeta } from "./kafka-consumer-options";
import { retryOrSkip, type RetryContext } from "./retry-or-skip";

/** A subscribed topic: the schema its values must pass and the handler they go to. */
export interface Route {
  topic: TopicDefinition<unknown>;
  handler: MessageHandler<unknown>;
}

const INVALID_LOG_EVERY_MS = 10_000;

/**
 * Runs kafkajs batches through the routes with manual resolve + explicit commit (autoCommit
 * off): an offset is resolved only after its handler succeeded or it was deliberately skipped,
 * and the batch's resolved offsets are committed in one request at its end (one commit per
 * batch, as kafkajs' autoCommit would, but never past an unprocessed message). On stop it leaves
 * the loop after the current handler, so unprocessed messages stay uncommitted and are fetched
 * again next time. It outlives reconnects, so its counters and lag cover the consumer's life.
 */
export class BatchRunner {
  private readonly routes: ReadonlyMap<string, Route>;
  private readonly options: Pick<KafkaConsumerOptions, "handlerRetry" | "onInvalid">;
  private readonly logger: KafkaLogger;
  private readonly counters: ConsumerStats = { processed: 0, invalid: 0, retried: 0, failed: 0 };
  private readonly retryContext: RetryContext;
  private readonly lagByPartition = new Map<string, number>();
  private lastInvalidLog = 0;
  private invalidSinceLog = 0;

  constructor(
    routes: ReadonlyMap<string, Route>,
    options: Pick<KafkaConsumerOptions, "handlerRetry" | "onInvalid">,
    logger: KafkaLogger,
  ) {
    this.routes = routes;
    this.options = options;
    this.logger = logger;
    this.retryContext = { handlerRetry: options.handlerRetry, counters: this.counters, logger };
  }

  stats(): ConsumerStats {
    return { ...this.counters };
  }

  /** Messages behind the log end per `topic:partition`, as seen by the last batch of each. */
  lag(): Record<string, number> {
    return Object.fromEntries(this.lagByPartition);
  }

  /** kafkajs' `eachBatch`. */
  async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const route = this.routes.get(batch.topic);
    if (!route) return;
    let lastDone: string | null = null;
    let lastHeartbeat = Date.now();
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) break;
      const meta: MessageMeta = {
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key === null ? null : message.key.toString("utf8"),
        timestamp: message.timestamp,
      };
      const decoded = decodeValue(route.topic, message.value);
      if (decoded.ok) {
        // Fast path: call the handler directly and await only a returned promise; the retry
        // machinery runs only after a failure.
        let failure: { error: unknown } | null = null;
        try {
          const result = route.handler(decoded.value, meta);
          if (result instanceof Promise) await result;
          this.counters.processed += 1;
        } catch (error) {
          failure = { error };
        }
        if (
          failure !== null &&
          !(await retryOrSkip({ handler: route.handler, value: decoded.value, meta, error: failure.error }, payload, this.retryContext))
        ) {
          break;
        }
      } else {
        this.noteInvalid(meta, decoded.reason);
      }
      lastDone = message.offset;
      // kafkajs throttles heartbeats itself; skipping the call per message saves a promise each.
      if (Date.now() - lastHeartbeat >= 100) {
        payload.resolveOffset(lastDone);
        await payload.heartbeat();
        lastHeartbeat = Date.now();
      }
    }
    if (lastDone !== null) {
      payload.resolveOffset(lastDone);
      const behind = BigInt(batch.highWatermark) - BigInt(lastDone) - 1n;
      this.lagByPartition.set(`${batch.topic}:${batch.partition}`, behind > 0n ? Number(behind) : 0);
      await this.commit(payload);
    }
  }

  private noteInvalid(meta: MessageMeta, reason: string): void {
    this.counters.invalid += 1;
    this.invalidSinceLog += 1;
    const now = Date.now();
    if (now - this.lastInvalidLog >= INVALID_LOG_EVERY_MS) {
      this.logger.warn("skipping invalid message(s)", {
        topic: meta.topic,
        partition: meta.partition,
        offset: meta.offset,
        reason,
        skippedSinceLastLog: this.invalidSinceLog,
        invalidTotal: this.counters.invalid,
      });
      this.lastInvalidLog = now;
      this.invalidSinceLog = 0;
    }
    this.options.onInvalid?.({ topic: meta.topic, partition: meta.partition, offset: meta.offset, key: meta.key, reason });
  }

  /** Commit failures are not fatal: offsets stay resolved and go out with the next commit. */
  private async commit(payload: EachBatchPayload): Promise<void> {
    try {
      const pending = payload.uncommittedOffsets();
      if (pending.topics.length > 0) await payload.commitOffsetsIfNecessary(pending);
    } catch (error) {
      this.logger.warn("offset commit failed; will retry with the next batch", {
        error: toKafkaUtilsError(error).message,
      });
    }
  }
}
