import { setTimeout as delay } from "node:timers/promises";
import {
  Kafka,
  logLevel,
  PartitionAssigners,
  type Consumer,
  type EachBatchPayload,
  type PartitionAssigner,
} from "kafkajs";
import { isRetriable, KafkaUtilsError, toKafkaUtilsError } from "./errors";
import { decodeValue } from "./json-codec";
import { consoleLogger, kafkaJsLogCreator, type KafkaLogger } from "./logger";
import type { TopicDefinition } from "./topics";

export type ConsumerStatus = "connecting" | "running" | "stopped";

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Broker/producer timestamp, unix milliseconds as a string (as Kafka gives it). */
  timestamp: string;
}

/** Must be idempotent: delivery is at-least-once (a rebalance or crash can repeat a message). */
export type MessageHandler<T> = (value: T, meta: MessageMeta) => Promise<void> | void;

export interface InvalidMessageInfo {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
}

export interface ConsumerStats {
  /** Messages whose handler succeeded. */
  processed: number;
  /** Messages skipped because they were not JSON or failed the topic schema. */
  invalid: number;
  /** Handler attempts repeated after a retriable error. */
  retried: number;
  /** Messages skipped because the handler threw a non-retriable error. */
  failed: number;
}

export interface KafkaConsumerOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  /**
   * Longest time the broker may park an empty fetch. A real broker answers as soon as data
   * arrives, so this mostly bounds idle polling; the dev broker always waits the full time, so
   * it is the dev latency (architecture.md §8). Default 100.
   */
  maxWaitTimeInMs?: number;
  /** Default 6000 (kafkajs: 30000): a dead member is noticed, and a rebalance ends, sooner. */
  sessionTimeout?: number;
  /** Default 500. */
  heartbeatInterval?: number;
  /** Where a group without committed offsets starts. Default false (only new messages). */
  fromBeginning?: boolean;
  logger?: KafkaLogger;
  onInvalid?: (info: InvalidMessageInfo) => void;
  /** Called on every status change; `reason` says why the consumer is (re)connecting. */
  onStatusChange?: (status: ConsumerStatus, reason?: string) => void;
  /** Backoff between attempts of a handler that threw a retriable error. */
  handlerRetry?: { initialMs?: number; maxMs?: number; maxAttempts?: number };
  /**
   * Delay before the group leader computes assignments. With two members joining at once, the
   * librdkafka mock can answer a follower's early SyncGroup with INVALID_REQUEST (architecture.md
   * §8); ~50 ms avoids that race. On real Kafka it only delays a rebalance by that much. Default 0.
   */
  assignmentDelayMs?: number;
}

interface Route {
  topic: TopicDefinition<unknown>;
  handler: MessageHandler<unknown>;
}

const INVALID_LOG_EVERY_MS = 10_000;

/** Waits `ms`, ending early (without an error) when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}

function delayedAssigner(delayMs: number): PartitionAssigner {
  return (config) => {
    const inner = PartitionAssigners.roundRobin(config);
    return {
      name: inner.name,
      version: inner.version,
      protocol: (subscription) => inner.protocol(subscription),
      assign: async (group) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return inner.assign(group);
      },
    };
  };
}

/**
 * Consumer-group runner with at-least-once delivery: a message's offset is committed only after
 * its handler succeeded (or the message was deliberately skipped). Rules:
 * - not JSON / fails the topic schema → skipped, counted (`invalid`), `onInvalid`, never fatal;
 * - handler throws a retriable error (`retriable: true`) → retried in place with backoff, so
 *   per-partition order holds;
 * - handler throws anything else → logged, counted (`failed`) and skipped, so one poison message
 *   never stalls a partition.
 * Handlers must be idempotent: after a crash or rebalance, uncommitted messages are redelivered.
 * A broker that is absent at start (or goes away later) is retried forever in the background;
 * `status()` and `onStatusChange` say where it stands.
 */
export class KafkaConsumer {
  private readonly options: KafkaConsumerOptions;
  private readonly logger: KafkaLogger;
  private readonly kafka: Kafka;
  private readonly routes = new Map<string, Route>();
  private readonly counters: ConsumerStats = { processed: 0, invalid: 0, retried: 0, failed: 0 };
  private readonly lagByPartition = new Map<string, number>();
  private current: Consumer | null = null;
  private state: ConsumerStatus = "stopped";
  private supervisor: Promise<void> | null = null;
  private stopController = new AbortController();
  private statusWaiters: (() => void)[] = [];
  private lastInvalidLog = 0;
  private invalidSinceLog = 0;

  constructor(options: KafkaConsumerOptions) {
    this.options = options;
    this.logger = options.logger ?? consoleLogger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 1_000,
      requestTimeout: 10_000,
      logLevel: logLevel.WARN,
      logCreator: kafkaJsLogCreator(this.logger),
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
  }

  /** Routes `topic`'s validated values to `handler`; call once per topic, before `run`. */
  subscribe<T>(topic: TopicDefinition<T>, handler: MessageHandler<T>): void {
    if (this.supervisor) throw new KafkaUtilsError("ALREADY_RUNNING", "subscribe before run()");
    if (this.routes.has(topic.name)) {
      throw new KafkaUtilsError("DUPLICATE_SUBSCRIPTION", `topic "${topic.name}" already has a handler`);
    }
    this.routes.set(topic.name, {
      topic: topic as TopicDefinition<unknown>,
      handler: handler as MessageHandler<unknown>,
    });
  }

  /**
   * Starts consuming in the background and resolves once the group is joined (or once `stop`
   * is called first). It does not reject because Kafka is unreachable: it keeps reconnecting, so
   * a service may also skip awaiting it and watch `status()` instead.
   */
  async run(): Promise<void> {
    if (this.supervisor) throw new KafkaUtilsError("ALREADY_RUNNING", "run() was already called");
    if (this.routes.size === 0) throw new KafkaUtilsError("NO_SUBSCRIPTIONS", "subscribe to a topic before run()");
    this.stopController = new AbortController();
    this.setStatus("connecting", "starting");
    this.supervisor = this.supervise();
    await this.waitForStatus(() => this.state === "running" || this.stopController.signal.aborted);
  }

  /** Finishes the in-flight handler, commits what was processed, leaves the group, disconnects. */
  async stop(): Promise<void> {
    if (!this.supervisor) return;
    this.stopController.abort();
    await this.current?.disconnect().catch((error: unknown) => {
      this.logger.warn("consumer disconnect failed", { error: String(error) });
    });
    // A connect attempt still retrying against an absent broker must not hold up shutdown; the
    // supervisor sees the abort when that attempt ends and disconnects the client itself.
    await Promise.race([this.supervisor, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    this.supervisor = null;
    this.setStatus("stopped");
  }

  status(): ConsumerStatus {
    return this.state;
  }

  stats(): ConsumerStats {
    return { ...this.counters };
  }

  /**
   * Messages behind the log end per `topic:partition`, as seen by the last fetch of each
   * assigned partition (no admin API needed, so it also works on the dev broker).
   */
  lag(): Promise<Record<string, number>> {
    return Promise.resolve(Object.fromEntries(this.lagByPartition));
  }

  private setStatus(status: ConsumerStatus, reason?: string): void {
    if (this.state === status) return;
    this.state = status;
    if (status === "running") this.logger.info("kafka consumer running", { groupId: this.options.groupId });
    else if (status === "connecting") this.logger.warn("kafka consumer (re)connecting", { groupId: this.options.groupId, reason });
    this.options.onStatusChange?.(status, reason);
    const waiters = this.statusWaiters;
    this.statusWaiters = [];
    for (const wake of waiters) wake();
  }

  private async waitForStatus(done: () => boolean): Promise<void> {
    while (!done()) {
      await new Promise<void>((resolve) => this.statusWaiters.push(resolve));
    }
  }

  /** Keeps one kafkajs consumer alive; rebuilds it when kafkajs gives up (non-restartable crash). */
  private async supervise(): Promise<void> {
    const signal = this.stopController.signal;
    let attempt = 0;
    while (!signal.aborted) {
      const consumer = this.createConsumer();
      this.current = consumer;
      let onFatal: (reason: string) => void = () => undefined;
      const fatal = new Promise<string>((resolve) => {
        onFatal = resolve;
      });
      consumer.on(consumer.events.GROUP_JOIN, () => {
        if (signal.aborted) return;
        attempt = 0;
        this.setStatus("running");
      });
      consumer.on(consumer.events.CRASH, (event) => {
        if (signal.aborted) return;
        const reason = `${event.payload.error.name}: ${event.payload.error.message}`;
        if (event.payload.restart) this.setStatus("connecting", reason);
        else onFatal(reason);
      });
      try {
        await consumer.connect();
        if (!signal.aborted) {
          await consumer.subscribe({ topics: [...this.routes.keys()], fromBeginning: this.options.fromBeginning ?? false });
          await consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            eachBatch: (payload) => this.processBatch(payload),
          });
          const aborted = signal.aborted
            ? Promise.resolve("stopped")
            : new Promise<string>((resolve) => signal.addEventListener("abort", () => resolve("stopped"), { once: true }));
          const reason = await Promise.race([fatal, aborted]);
          if (!signal.aborted) this.setStatus("connecting", reason);
        }
      } catch (error) {
        if (!signal.aborted) this.setStatus("connecting", toKafkaUtilsError(error).message);
      }
      await consumer.disconnect().catch(() => undefined);
      if (signal.aborted) break;
      const backoff = Math.min(5_000, 250 * 2 ** attempt);
      attempt = Math.min(attempt + 1, 10);
      await sleep(backoff, signal);
    }
    this.current = null;
  }

  private createConsumer(): Consumer {
    const delay = this.options.assignmentDelayMs ?? 0;
    return this.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
      sessionTimeout: this.options.sessionTimeout ?? 6_000,
      heartbeatInterval: this.options.heartbeatInterval ?? 500,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
      ...(delay > 0 ? { partitionAssigners: [delayedAssigner(delay)] } : {}),
    });
  }

  /**
   * eachBatch with manual resolve + explicit commit (autoCommit off): an offset is resolved only
   * after its handler succeeded or it was deliberately skipped, and the batch's resolved offsets
   * are committed in one request at its end (one commit per batch, as kafkajs' autoCommit would,
   * but never past an unprocessed message). On stop we leave the loop after the current handler,
   * so unprocessed messages stay uncommitted and are fetched again next time.
   */
  private async processBatch(payload: EachBatchPayload): Promise<void> {
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
        if (failure !== null && !(await this.retryOrSkip(route, decoded.value, meta, payload, failure.error))) break;
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

  /**
   * After a handler failure: retries retriable errors in place with backoff (order kept), skips
   * anything else. Returns false when the consumer is stopping or rebalancing mid-retry, so the
   * message stays unresolved and is delivered again.
   */
  private async retryOrSkip(
    route: Route,
    value: unknown,
    meta: MessageMeta,
    payload: EachBatchPayload,
    firstError: unknown,
  ): Promise<boolean> {
    const initialMs = this.options.handlerRetry?.initialMs ?? 100;
    const maxMs = this.options.handlerRetry?.maxMs ?? 5_000;
    const maxAttempts = this.options.handlerRetry?.maxAttempts ?? Number.POSITIVE_INFINITY;
    let error = firstError;
    for (let attempt = 1; ; attempt += 1) {
      if (!isRetriable(error) || attempt >= maxAttempts) {
        this.counters.failed += 1;
        this.logger.error("handler failed; message skipped", {
          topic: meta.topic,
          partition: meta.partition,
          offset: meta.offset,
          retriable: isRetriable(error),
          error: error instanceof Error ? error.message : String(error),
        });
        return true;
      }
      this.counters.retried += 1;
      if (attempt === 1 || attempt % 10 === 0) {
        this.logger.warn("handler failed with a retriable error; retrying", {
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
        if (!payload.isRunning() || payload.isStale()) return false;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
        await payload.heartbeat();
      }
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        await route.handler(value, meta);
        this.counters.processed += 1;
        return true;
      } catch (next) {
        error = next;
      }
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
