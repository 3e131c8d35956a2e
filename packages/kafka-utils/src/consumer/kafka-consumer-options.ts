import type { KafkaSecurity } from "../kafka-security";
import type { KafkaLogger } from "../logger";

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

/** Backoff between attempts of a handler that threw a retriable error. */
export interface HandlerRetryOptions {
  /** Default 100. */
  initialMs?: number;
  /** Default 5000. */
  maxMs?: number;
  /** Attempts before the message is skipped as failed. Default unlimited. */
  maxAttempts?: number;
}

export interface KafkaConsumerOptions {
  brokers: string[];
  /** SASL/TLS (production); none against the dev broker. */
  security?: KafkaSecurity;
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
  handlerRetry?: HandlerRetryOptions;
  /**
   * Delay before the group leader computes assignments. With two members joining at once, the
   * librdkafka mock can answer a follower's early SyncGroup with INVALID_REQUEST (architecture.md
   * §8); ~50 ms avoids that race. On real Kafka it only delays a rebalance by that much. Default 0.
   */
  assignmentDelayMs?: number;
}
