import type { TopicDefinition } from "@repo/kafka-utils/topics";
import type { Logger } from "pino";
import type { ServiceMetrics } from "../metrics";
import type { MessageSink } from "../ports/message-sink";
import { CoalescingPublisher } from "./coalescing-publisher";

export interface TopicPublisherOptions<T> {
  topic: TopicDefinition<T>;
  sink: MessageSink;
  coalesceKey: (value: T) => string;
  maxPending: number;
  now: () => number;
  metrics: ServiceMetrics;
  logger: Logger;
  /** Named in send-failure logs ("market updates", "candles"). */
  what: string;
  /** Called after the metrics for each acknowledged batch. */
  onSent?: (values: readonly T[], enqueuedAt: readonly number[]) => void;
  /** The metric label of a sent value. */
  symbolOf: (value: T) => string;
}

/** A coalescing publisher for one topic with the service's metrics and rate-limited failure logs. */
export function createTopicPublisher<T>(options: TopicPublisherOptions<T>): CoalescingPublisher<T> {
  const { metrics, logger } = options;
  const topic = options.topic.name;
  return new CoalescingPublisher<T>({
    topic: options.topic,
    sink: options.sink,
    coalesceKey: options.coalesceKey,
    maxPending: options.maxPending,
    now: options.now,
    onSent: (values, enqueuedAt, sendMs) => {
      metrics.sendLatency.observe({ topic }, sendMs / 1000);
      for (const value of values) metrics.messagesOut.inc({ topic, symbol: options.symbolOf(value) });
      options.onSent?.(values, enqueuedAt);
    },
    onCoalesced: (n) => metrics.coalesced.inc({ topic }, n),
    onDropped: (n, reason) => metrics.dropped.inc({ topic, reason }, n),
    onSendError: (error, attempt) => {
      // First failure and then every 10th: an outage must not flood the log.
      if (attempt === 1 || attempt % 10 === 0) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), attempt },
          `kafka send of ${options.what} failed; keeping the latest state and retrying`,
        );
      }
    },
  });
}
