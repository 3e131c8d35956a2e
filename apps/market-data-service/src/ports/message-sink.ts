import type { TopicDefinition } from "@repo/kafka-utils/topics";

/**
 * Where validated messages go: KafkaProducer in production, an in-memory sink in unit tests.
 * `send` resolves once the batch is acknowledged and rejects with an error carrying `retriable`.
 */
export interface MessageSink {
  send<T>(topic: TopicDefinition<T>, values: T[]): Promise<void>;
  isConnected(): boolean;
}
