import type { EnsuredDevBroker } from "@repo/kafka-utils/dev-broker";
import { createServiceLogger, pinoKafkaLogger } from "@repo/service-kit/logger";
import { resolveBrokers } from "@repo/service-kit/resolve-brokers";
import { KafkaMarketFeed } from "./adapters/kafka-market-feed";
import { openSqliteStores } from "./adapters/sqlite/open-sqlite-stores";
import { createApp } from "./app";
import { loadEnv } from "./env";
import { InMemoryMarketFeed, type MarketFeed } from "./market/market-feed";
import { engineConfig, restoreEngineFromStore } from "./trading/restore-engine";

const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createServiceLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, base: { service: "trading-engine" } });

  const stores = openSqliteStores(env.DATA_DIR);
  let engine;
  try {
    engine = restoreEngineFromStore(stores.ledger, engineConfig(env.PRICE_STALE_MS, { maxClockSkewMs: env.MAX_CLOCK_SKEW_MS, priceBandBp: env.PRICE_BAND_PCT }));
  } catch (error) {
    logger.fatal({ err: error }, "cannot restore engine state from the database");
    stores.database.close();
    process.exit(1);
  }
  const counts = stores.database.counts();
  logger.info({ ...counts, stateHash: engine.stateHash(), dataDir: env.DATA_DIR }, "engine state restored");

  let devBroker: EnsuredDevBroker | null = null;
  let feed: MarketFeed;
  const resolved = await resolveBrokers({ configured: env.KAFKA_BROKERS, production: env.NODE_ENV === "production", logger });
  if (resolved.brokers === null && resolved.fatal) {
    logger.fatal(resolved.reason);
    process.exit(1);
  }
  if (resolved.brokers === null) {
    // Accounts and history stay reachable; orders get 503 until prices flow.
    logger.error(`${resolved.reason}; serving without market data`);
    const offline = new InMemoryMarketFeed();
    offline.setConnected(false);
    feed = offline;
  } else {
    devBroker = resolved.devBroker;
    feed = new KafkaMarketFeed({
      brokers: resolved.brokers,
      security: env.KAFKA_SECURITY,
      groupId: env.KAFKA_GROUP_ID,
      topic: env.KAFKA_TOPIC,
      candlesTopic: env.KAFKA_CANDLES_TOPIC,
      maxWaitTimeInMs: env.KAFKA_MAX_WAIT_MS,
      logger: pinoKafkaLogger(logger.child({ component: "kafka" })),
    });
  }

  const app = await createApp({
    stores,
    engine,
    feed,
    // Per-request access logs are info level: keep them out unless LOG_LEVEL asks for debug.
    logger: logger.child({ component: "http" }, { level: env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace" ? env.LOG_LEVEL : "warn" }),
    config: {
      webOrigins: env.WEB_ORIGIN,
      rateLimit: { ipPerMinute: env.RATE_LIMIT_IP_PER_MIN, userPerMinute: env.RATE_LIMIT_USER_PER_MIN },
      trustProxy: env.TRUST_PROXY,
      sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
      signinFailuresPerEmail: env.SIGNIN_FAILURES_PER_EMAIL,
      socketHandshakesPerIpPerMinute: env.SOCKET_HANDSHAKES_PER_IP_PER_MIN,
    },
    onFatal: (error) => {
      logger.fatal({ err: error }, "database write failed after an engine change; exiting so restore can rebuild");
      process.exit(1);
    },
  });

  await app.http.listen({ port: env.PORT, host: env.HOST });
  logger.info({ port: env.PORT }, "trading-engine listening");

  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "draining");
    setTimeout(() => {
      logger.error("shutdown deadline passed; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      app.startDraining();
      await app.close();
      stores.database.close();
      if (devBroker?.owned) await devBroker.stop();
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
