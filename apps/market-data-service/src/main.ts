import type { AddressInfo } from "node:net";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { createServiceLogger, pinoKafkaLogger } from "@repo/service-kit/logger";
import { resolveBrokers } from "@repo/service-kit/resolve-brokers";
import { loadEnv } from "./env";
import { Backoff } from "./feed/backoff";
import { selectFeed } from "./feed/select-feed";
import { createMarketDataService } from "./service";

const env = loadEnv();
const logger = createServiceLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, base: { service: "market-data" } });

const resolved = await resolveBrokers({ configured: env.KAFKA_BROKERS, production: env.NODE_ENV === "production", logger, devBrokers: 3 });
if (resolved.brokers === null) {
  // Unlike the engine, this service has nothing to do without Kafka.
  logger.fatal(resolved.reason);
  process.exit(1);
}
const { brokers, devBroker } = resolved;

const producer = new KafkaProducer({ brokers, security: env.KAFKA_SECURITY, clientId: "market-data-service", logger: pinoKafkaLogger(logger) });
const feed = await selectFeed(env, logger);
const service = createMarketDataService({
  config: {
    markets: env.MARKETS,
    feed: feed.endpoint,
    staleLinkMs: env.STALE_LINK_MS,
    maxClockSkewMs: env.MAX_CLOCK_SKEW_MS,
    reconnectIntervalMs: env.RECONNECT_INTERVAL,
    candleHistoryMinutes: env.CANDLE_HISTORY_MINUTES,
    updatesTopic: env.KAFKA_TOPIC,
    candlesTopic: env.KAFKA_CANDLES_TOPIC,
  },
  sink: producer,
  logger,
  defaultMetrics: true,
});

let stopping = false;

// Kafka may be down at boot: the service still reads the feed (keeping the latest price per
// symbol) and connects the producer as soon as a broker answers.
async function connectProducer(): Promise<void> {
  const backoff = new Backoff({ baseMs: 500, capMs: 10_000 });
  while (!stopping) {
    try {
      await producer.connect();
      logger.info({ brokers }, "kafka producer connected");
      return;
    } catch (error) {
      const delay = Math.max(200, backoff.next());
      logger.warn({ err: error instanceof Error ? error.message : String(error), retryInMs: delay }, "kafka connect failed");
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

await new Promise<void>((resolve, reject) => {
  service.server.once("error", reject);
  service.server.listen(env.HEALTH_PORT, env.HOST, () => resolve());
});
const healthPort = (service.server.address() as AddressInfo).port;
logger.info(
  { health: `http://localhost:${healthPort}/health`, source: feed.endpoint.source, ws: feed.endpoint.wsUrl, markets: env.MARKETS },
  "market-data service listening",
);
void connectProducer();
service.start();

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: closing the feed, flushing Kafka");
  const force = setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, 15_000);
  force.unref();
  try {
    await service.stop(5_000);
    await producer.disconnect();
    await feed.simulator?.close();
    await new Promise<void>((resolve) => {
      service.server.close(() => resolve());
      service.server.closeAllConnections();
    });
    if (devBroker?.owned) await devBroker.stop();
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "error during shutdown");
  }
  process.exit(0);
}

process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
