import { kafkaClientConfig } from "../kafka-security";
import { setTimeout as delay } from "node:timers/promises";
import { Kafka, logLevel, type Consumer } from "kafkajs";
import { KafkaUtilsError, toKafkaUtilsError } from "../errors";
import { consoleLogger, kafkaJsLogCreator, type KafkaLogger } from "../logger";
import type { TopicDefinition } from "../topics";
import { BatchRunner, type Route } from "./batch-runner";
import { delayedAssigner } from "./delayed-assigner";
import type {
  ConsumerStats,
  ConsumerStatus,
  KafkaConsumerOptions,
  MessageHandler,
} from "./kafka-consumer-options";

// The subpath's public types live beside the options; importers keep `@repo/kafka-utils/consumer`.
export type {
  ConsumerStats,
  ConsumerStatus,
  HandlerRetryOptions,
  InvalidMessageInfo,
  KafkaConsumerOptions,
  MessageHandler,
  MessageMeta,
} from "./kafka-consumer-options";

/** Waits `ms`, ending early (without an error) when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
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
  private readonly runner: BatchRunner;
  private current: Consumer | null = null;
  private state: ConsumerStatus = "stopped";
  private supervisor: Promise<void> | null = null;
  private stopController = new AbortController();
  private statusWaiters: (() => void)[] = [];

  constructor(options: KafkaConsumerOptions) {
    this.options = options;
    this.logger = options.logger ?? consoleLogger;
    this.kafka = new Kafka(
      kafkaClientConfig(
        {
          clientId: options.clientId,
          brokers: options.brokers,
          connectionTimeout: 1_000,
          requestTimeout: 10_000,
          logLevel: logLevel.WARN,
          logCreator: kafkaJsLogCreator(this.logger),
          retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
        },
        options.security,
      ),
    );
    this.runner = new BatchRunner(this.routes, options, this.logger);
  }

  /** Routes `topic`'s validated values to `handler`; call once per topic, before `run`. */
  subscribe<T>(topic: TopicDefinition<T>, handler: MessageHandler<T>): void {
    if (this.supervisor) throw new KafkaUtilsError("ALREADY_RUNNING", "subscribe before run()");
    if (this.routes.has(topic.name)) {
      throw new KafkaUtilsError(
        "DUPLICATE_SUBSCRIPTION",
        `topic "${topic.name}" already has a handler`,
      );
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
    if (this.routes.size === 0)
      throw new KafkaUtilsError("NO_SUBSCRIPTIONS", "subscribe to a topic before run()");
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
    await Promise.race([
      this.supervisor,
      new Promise((resolve) => setTimeout(resolve, 3_000).unref()),
    ]);
    this.supervisor = null;
    this.setStatus("stopped");
  }

  status(): ConsumerStatus {
    return this.state;
  }

  stats(): ConsumerStats {
    return this.runner.stats();
  }

  /**
   * Messages behind the log end per `topic:partition`, as seen by the last fetch of each
   * assigned partition (no admin API needed, so it also works on the dev broker).
   */
  lag(): Promise<Record<string, number>> {
    return Promise.resolve(this.runner.lag());
  }

  private setStatus(status: ConsumerStatus, reason?: string): void {
    if (this.state === status) return;
    this.state = status;
    if (status === "running")
      this.logger.info("kafka consumer running", { groupId: this.options.groupId });
    else if (status === "connecting")
      this.logger.warn("kafka consumer (re)connecting", { groupId: this.options.groupId, reason });
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
          await consumer.subscribe({
            topics: [...this.routes.keys()],
            fromBeginning: this.options.fromBeginning ?? false,
          });
          await consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            eachBatch: (payload) => this.runner.processBatch(payload),
          });
          const aborted = signal.aborted
            ? Promise.resolve("stopped")
            : new Promise<string>((resolve) =>
                signal.addEventListener("abort", () => resolve("stopped"), { once: true }),
              );
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
}
