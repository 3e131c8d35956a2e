import { kafkaClientConfig, type KafkaSecurity } from "./kafka-security";
import { Kafka, logLevel, Partitioners, type Producer } from "kafkajs";
import { KafkaUtilsError, toKafkaUtilsError } from "./errors";
import { encodeValue } from "./json-codec";
import { consoleLogger, kafkaJsLogCreator, type KafkaLogger } from "./logger";
import type { TopicDefinition } from "./topics";

export interface KafkaProducerOptions {
  brokers: string[];
  /** SASL/TLS (production); none against the dev broker. */
  security?: KafkaSecurity;
  clientId: string;
  logger?: KafkaLogger;
  /**
   * Produce requests in flight per broker connection. 1 keeps per-key order even when kafkajs
   * retries a failed request (there is no idempotent producer to do it for us, see below).
   */
  maxInFlightRequests?: number;
  /** kafkajs retry policy for a send; the defaults ride out a leader outage of ~10 s. */
  retry?: { retries?: number; initialRetryTime?: number; maxRetryTime?: number };
  requestTimeout?: number;
  connectionTimeout?: number;
  /** Off by default: topics are created by operators (or the dev broker), not by a typo. */
  allowAutoTopicCreation?: boolean;
}

/**
 * Typed, validating producer. Each `send` validates every value with its topic's schema, encodes
 * JSON, keys it from the topic, and resolves only once all in-sync replicas acknowledged it
 * (acks = -1).
 *
 * Not idempotent on purpose: the idempotent/transactional producer needs InitProducerId, which the
 * dev broker lacks; and acks=all + one request in flight gives the same per-key order on real
 * Kafka, at the cost of a possible duplicate after a retried timeout (consumers are idempotent).
 * kafkajs sends each `send` immediately (no linger), which is what we want for price latency.
 */
export class KafkaProducer {
  private readonly producer: Producer;
  private readonly logger: KafkaLogger;
  private readonly inFlight = new Set<Promise<unknown>>();
  private connected = false;

  constructor(options: KafkaProducerOptions) {
    this.logger = options.logger ?? consoleLogger;
    const kafka = new Kafka(
      kafkaClientConfig(
        {
          clientId: options.clientId,
          brokers: options.brokers,
          connectionTimeout: options.connectionTimeout ?? 1_000,
          requestTimeout: options.requestTimeout ?? 10_000,
          logLevel: logLevel.WARN,
          logCreator: kafkaJsLogCreator(this.logger),
          retry: {
            retries: options.retry?.retries ?? 6,
            initialRetryTime: options.retry?.initialRetryTime ?? 300,
            maxRetryTime: options.retry?.maxRetryTime ?? 5_000,
          },
        },
        options.security,
      ),
    );
    this.producer = kafka.producer({
      // murmur2 like the Java client, so a key lands on the same partition whoever produces it
      // (choosing it explicitly also silences kafkajs' partitioner-change warning at every start).
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
      maxInFlightRequests: options.maxInFlightRequests ?? 1,
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? false,
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.connected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
    });
  }

  /** Connects to the cluster; rejects with a retriable KafkaUtilsError when no broker answers. */
  async connect(): Promise<void> {
    try {
      await this.producer.connect();
      this.connected = true;
    } catch (error) {
      throw toKafkaUtilsError(error, "producer connect failed");
    }
  }

  /**
   * Validates, encodes and sends one value or a batch to `topic`; resolves once acknowledged.
   * Throws KafkaUtilsError: `INVALID_MESSAGE` (not retriable, nothing was sent), `NOT_CONNECTED`
   * (retriable), or the mapped Kafka error with its `retriable` flag.
   */
  async send<T>(topic: TopicDefinition<T>, values: T | T[]): Promise<void> {
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) return;
    // Validate everything first: a batch with one bad value sends nothing.
    const messages = list.map((value) => {
      const json = encodeValue(topic, value);
      return { key: topic.key(value), value: json };
    });
    if (!this.connected) {
      throw new KafkaUtilsError(
        "NOT_CONNECTED",
        `producer is not connected (topic "${topic.name}")`,
        { retriable: true },
      );
    }
    const sending = this.producer.send({ topic: topic.name, acks: -1, messages });
    this.inFlight.add(sending);
    try {
      await sending;
    } catch (error) {
      throw toKafkaUtilsError(error, `send to "${topic.name}" failed`);
    } finally {
      this.inFlight.delete(sending);
    }
  }

  /** Waits for sends already in flight, then disconnects. */
  async disconnect(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    try {
      await this.producer.disconnect();
    } catch (error) {
      this.logger.warn("producer disconnect failed", { error: String(error) });
    } finally {
      this.connected = false;
    }
  }

  isConnected(): boolean {
    return this.connected;
  }
}
