import type { AddressInfo } from "node:net";
import { ensureDevBroker, type EnsuredDevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { pino } from "pino";
import pretty from "pino-pretty";
import { pinoKafkaLogger } from "./adapters/pino-kafka-logger";
import { loadEnv } from "./env";
import { Backoff } from "./feed/backoff";
import { selectFeed } from "./feed/select-feed";
import { createMarketDataService } from "./service";

const env = loadEnv();
const logger = pino(
  { level: env.LOG_LEVEL, name: "market-data" },
  // Synchronous pretty printing (no worker thread), so nothing is lost on exit.
  env.LOG_FORMAT === "pretty" ? pretty({ sync: true, singleLine: true, ignore: "pid,hostname,name", translateTime: "HH:MM:ss.l" }) : undefined,
);

let devBroker: EnsuredDevBroker | null = null;
let brokers = env.KAFKA_BROKERS;
if (brokers === undefined) {
  if (env.NODE_ENV === "production") {
    logger.fatal("KAFKA_BROKERS is required in production");
    process.exit(1);
  }
  devBroker = await ensureDevBroker({ brokers: 3 });
  brokers = devBroker.bootstrapServers;
  logger.info({ brokers, owned: devBroker.owned }, "KAFKA_BROKERS unset: using the dev broker");
}

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
