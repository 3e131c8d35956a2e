import { ZCandleMessage } from "@repo/shared-types/candle";
import { ZMarketUpdate } from "@repo/shared-types/market";
import type { z } from "zod";

/** A Kafka topic, its value schema (validated on both sides) and how a value picks its key. */
export interface TopicDefinition<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly partitions: number;
  /** Messages with the same key land on the same partition and so stay in order. */
  readonly key: (value: T) => string;
}

/** Declares a topic; rejects names Kafka would refuse and non-positive partition counts. */
export function defineTopic<T>(definition: TopicDefinition<T>): TopicDefinition<T> {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(definition.name)) {
    throw new Error(`invalid Kafka topic name "${definition.name}"`);
  }
  if (!Number.isInteger(definition.partitions) || definition.partitions < 1) {
    throw new Error(`topic "${definition.name}" needs a positive integer partition count`);
  }
  return Object.freeze({ ...definition });
}

/** The same topic under another name (e.g. `KAFKA_TOPIC` from the environment). */
export function withTopicName<T>(definition: TopicDefinition<T>, name: string): TopicDefinition<T> {
  return defineTopic({ ...definition, name });
}

/** The project's topics (architecture.md §3): the one registry of names, schemas and partitions. */
export const TOPICS = {
  marketUpdates: defineTopic({
    name: "backpack-market-updates",
    schema: ZMarketUpdate,
    partitions: 3,
    key: (update) => update.symbol,
  }),
  candles: defineTopic({
    name: "backpack-candles",
    schema: ZCandleMessage,
    partitions: 3,
    key: (candle) => `${candle.symbol}:${candle.interval}`,
  }),
} as const;

/** Every registered topic; the dev broker pre-creates them all. */
export const ALL_TOPICS = [TOPICS.marketUpdates, TOPICS.candles] as const;

/** What creating a topic needs (the dev broker and tests). */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
}
