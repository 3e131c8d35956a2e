import { randomUUID } from "node:crypto";
import { KafkaConsumer, type ConsumerStatus, type KafkaConsumerOptions } from "@repo/kafka-utils/consumer";
import type { KafkaSecurity } from "@repo/kafka-utils/kafka-security";
import { TOPICS, withTopicName } from "@repo/kafka-utils/topics";
import type { MarketFeed, MarketFeedHandlers, MarketFeedStatus } from "../market/market-feed";

type KafkaLogger = NonNullable<KafkaConsumerOptions["logger"]>;

export interface KafkaMarketFeedOptions {
  brokers: string[];
  /** SASL/TLS from KAFKA_SASL_* / KAFKA_SSL. */
  security?: KafkaSecurity;
  groupId: string;
  topic: string;
  candlesTopic: string;
  maxWaitTimeInMs: number;
  logger: KafkaLogger;
  clientId?: string;
  /** Distinguishes this boot's quotes group; a random id when not given. */
  bootId?: string;
}

interface Tracked {
  consumer: KafkaConsumer;
  state: ConsumerStatus;
  reason: string;
}

/**
 * Quotes and candles from Kafka through kafka-utils' consumer (reconnects in the background).
 * Two consumer groups on purpose. Quotes start at the end of the log on every boot: their group
 * is `<groupId>-<bootId>`, new each boot, so it has no committed offset and kafkajs begins at
 * the latest one (fromBeginning false). A per-boot group rather than a seek because the seek has
 * to follow every assignment and the dev broker (librdkafka mock) offers no admin setOffsets;
 * a new group behaves the same on real Kafka, where the abandoned groups' offsets expire after
 * `offsets.retention.minutes`. Quotes published while the engine was down are thus never read
 * (and were they delivered, the engine would refuse them as stale by their exchange time).
 * Candles keep one stable group, `<groupId>-candles`, starting at the beginning when new, so the
 * history the market-data service backfilled before this engine first joined is still charted.
 */
export class KafkaMarketFeed implements MarketFeed {
  private readonly quotes: Tracked;
  private readonly candles: Tracked;
  private lagTotal: number | null = null;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: KafkaMarketFeedOptions) {
    this.quotes = this.track(`${options.groupId}-${options.bootId ?? randomUUID()}`, false);
    this.candles = this.track(`${options.groupId}-candles`, true);
  }

  private track(groupId: string, fromBeginning: boolean): Tracked {
    const status: Omit<Tracked, "consumer"> = { state: "stopped", reason: "not started" };
    const consumer = new KafkaConsumer({
      brokers: this.options.brokers,
      security: this.options.security,
      clientId: this.options.clientId ?? "trading-engine",
      groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      fromBeginning,
      logger: this.options.logger,
      assignmentDelayMs: 50,
      onStatusChange: (state, reason) => {
        status.state = state;
        status.reason = reason ?? state;
      },
    });
    return Object.assign(status, { consumer });
  }

  start(handlers: MarketFeedHandlers): void {
    this.quotes.consumer.subscribe(withTopicName(TOPICS.marketUpdates, this.options.topic), (update) => {
      handlers.onMarketUpdate(update);
    });
    this.candles.consumer.subscribe(withTopicName(TOPICS.candles, this.options.candlesTopic), (candle) => {
      handlers.onCandle(candle);
    });
    for (const tracked of [this.quotes, this.candles]) {
      // run() resolves once the group is joined; it keeps retrying while Kafka is away.
      tracked.consumer.run().catch((error: unknown) => {
        this.options.logger.error("kafka consumer failed to start", { error: String(error) });
      });
    }
    this.lagTimer = setInterval(() => {
      void this.quotes.consumer.lag().then((lag) => {
        this.lagTotal = Object.values(lag).reduce((a, b) => a + b, 0);
      });
    }, 1_000);
    this.lagTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.lagTimer !== null) clearInterval(this.lagTimer);
    await Promise.all([this.quotes.consumer.stop(), this.candles.consumer.stop()]);
  }

  status(): MarketFeedStatus {
    const describe = (t: Tracked): string => (t.state === "connecting" ? `connecting: ${t.reason}` : t.state);
    return {
      connected: this.quotes.state === "running",
      detail: `quotes ${describe(this.quotes)}; candles ${describe(this.candles)}`,
      lag: this.lagTotal,
      invalid: this.quotes.consumer.stats().invalid + this.candles.consumer.stats().invalid,
    };
  }
}
