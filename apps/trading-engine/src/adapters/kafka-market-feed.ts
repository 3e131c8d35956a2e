import { KafkaConsumer, type ConsumerStatus, type KafkaConsumerOptions } from "@repo/kafka-utils/consumer";
import { TOPICS, withTopicName } from "@repo/kafka-utils/topics";
import type { MarketFeed, MarketFeedHandlers, MarketFeedStatus } from "../market/market-feed";

type KafkaLogger = NonNullable<KafkaConsumerOptions["logger"]>;

export interface KafkaMarketFeedOptions {
  brokers: string[];
  groupId: string;
  topic: string;
  candlesTopic: string;
  maxWaitTimeInMs: number;
  logger: KafkaLogger;
  clientId?: string;
}

/** Quotes and candles from Kafka through kafka-utils' consumer (reconnects in the background). */
export class KafkaMarketFeed implements MarketFeed {
  private readonly consumer: KafkaConsumer;
  private state: ConsumerStatus = "stopped";
  private reason = "not started";
  private lagTotal: number | null = null;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: KafkaMarketFeedOptions) {
    this.consumer = new KafkaConsumer({
      brokers: options.brokers,
      clientId: options.clientId ?? "trading-engine",
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      // Candle history is replayed by the market-data service on every start, and quotes older
      // than PRICE_STALE_MS are useless: a new group starts at the end of the log.
      fromBeginning: false,
      logger: options.logger,
      assignmentDelayMs: 50,
      onStatusChange: (status, reason) => {
        this.state = status;
        this.reason = reason ?? status;
      },
    });
  }

  start(handlers: MarketFeedHandlers): void {
    this.consumer.subscribe(withTopicName(TOPICS.marketUpdates, this.options.topic), (update) => {
      handlers.onMarketUpdate(update);
    });
    this.consumer.subscribe(withTopicName(TOPICS.candles, this.options.candlesTopic), (candle) => {
      handlers.onCandle(candle);
    });
    // run() resolves once the group is joined; it keeps retrying while Kafka is away.
    this.consumer.run().catch((error: unknown) => {
      this.options.logger.error("kafka consumer failed to start", { error: String(error) });
    });
    this.lagTimer = setInterval(() => {
      void this.consumer.lag().then((lag) => {
        this.lagTotal = Object.values(lag).reduce((a, b) => a + b, 0);
      });
    }, 1_000);
    this.lagTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.lagTimer !== null) clearInterval(this.lagTimer);
    await this.consumer.stop();
  }

  status(): MarketFeedStatus {
    return {
      connected: this.state === "running",
      detail: this.state === "connecting" ? `connecting: ${this.reason}` : this.state,
      lag: this.lagTotal,
      invalid: this.consumer.stats().invalid,
    };
  }
}
