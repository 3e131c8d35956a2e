import type { Server } from "node:http";
import { TOPICS, withTopicName } from "@repo/kafka-utils/topics";
import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TMarketUpdate } from "@repo/shared-types/market";
import type { Logger } from "pino";
import { createCandleBackfill } from "./candles/backfill";
import { Backoff } from "./feed/backoff";
import { BackpackWsClient } from "./feed/backpack-ws-client";
import type { FeedEndpoint } from "./feed/feed-endpoint";
import { createFrameRouter } from "./frame-router";
import { createHealthServer, type Readiness } from "./http/health-server";
import { readinessOf } from "./http/readiness";
import { createMetrics, type ServiceMetrics } from "./metrics";
import { MarketNormaliser } from "./normaliser";
import type { MessageSink } from "./ports/message-sink";
import type { CoalescingPublisher } from "./publisher/coalescing-publisher";
import { createTopicPublisher } from "./publisher/create-topic-publisher";

export interface MarketDataServiceConfig {
  markets: readonly string[];
  feed: FeedEndpoint;
  staleLinkMs: number;
  /** Frames stamped further ahead of the local clock are refused (MAX_CLOCK_SKEW_MS); default 2000. */
  maxClockSkewMs?: number;
  reconnectIntervalMs: number;
  /** Ceiling of the reconnect backoff. Default 30 s. */
  reconnectCapMs?: number;
  candleHistoryMinutes: number;
  updatesTopic: string;
  candlesTopic: string;
}

export interface MarketDataServiceDeps {
  config: MarketDataServiceConfig;
  sink: MessageSink;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  fetchImpl?: typeof fetch;
  /** Process metrics (CPU, heap) on /metrics; off in tests. */
  defaultMetrics?: boolean;
  /** Called when market updates were acknowledged, with the frame receive times (the bench). */
  onUpdatesAcked?: (updates: readonly TMarketUpdate[], receivedAt: readonly number[]) => void;
}

export interface MarketDataService {
  /** Connects to the feed; returns at once (connection and backfill run in the background). */
  start(): void;
  /** Closes the socket, then waits up to `flushTimeoutMs` for Kafka to acknowledge what is pending. */
  stop(flushTimeoutMs?: number): Promise<void>;
  /** `/health`, `/ready`, `/metrics`; not listening. */
  readonly server: Server;
  readiness(): Readiness;
  readonly metrics: ServiceMetrics;
  readonly updates: CoalescingPublisher<TMarketUpdate>;
  readonly candles: CoalescingPublisher<TCandleMessage>;
  readonly feed: BackpackWsClient;
}

/** Builds the whole service from its dependencies without opening sockets (composition root). */
export function createMarketDataService(deps: MarketDataServiceDeps): MarketDataService {
  const { config, sink, logger } = deps;
  const now = deps.now ?? Date.now;
  const source = config.feed.source;
  const normaliser = new MarketNormaliser(config.markets, source, {
    now,
    maxClockSkewMs: config.maxClockSkewMs,
    staleBookMs: config.staleLinkMs,
  });
  const lastUpdateAt = new Map<string, number>();

  let feed: BackpackWsClient | null = null;
  let publishers: CoalescingPublisher<unknown>[] = [];
  const metrics = createMetrics({
    pending: () => publishers.map((p) => ({ topic: p.topicName, count: p.stats().pending })),
    defaultMetrics: deps.defaultMetrics ?? false,
    lastFrameAgeSeconds: () => {
      const last = feed?.lastFrameTime() ?? 0;
      return last === 0 ? null : (now() - last) / 1000;
    },
  });

  const updates = createTopicPublisher<TMarketUpdate>({
    topic: withTopicName(TOPICS.marketUpdates, config.updatesTopic),
    sink,
    coalesceKey: (u) => u.symbol,
    maxPending: Math.max(config.markets.length, 1),
    now,
    metrics,
    logger,
    what: "market updates",
    symbolOf: (u) => u.symbol,
    onSent: (values, enqueuedAt) => {
      const t = now();
      for (const value of values) lastUpdateAt.set(value.symbol, t);
      deps.onUpdatesAcked?.(values, enqueuedAt);
    },
  });
  const candles = createTopicPublisher<TCandleMessage>({
    topic: withTopicName(TOPICS.candles, config.candlesTopic),
    sink,
    coalesceKey: (c) => `${c.symbol}:${c.time}`,
    // Bounded by the history window plus a little live traffic per market.
    maxPending: Math.max(config.markets.length, 1) * (config.candleHistoryMinutes + 120),
    now,
    metrics,
    logger,
    what: "candles",
    symbolOf: (c) => c.symbol,
  });
  publishers = [updates as CoalescingPublisher<unknown>, candles as CoalescingPublisher<unknown>];

  const backfill = createCandleBackfill({
    markets: config.markets,
    restUrl: config.feed.restUrl,
    historyMinutes: config.candleHistoryMinutes,
    source,
    candles,
    metrics,
    logger,
    now,
    fetchImpl: deps.fetchImpl,
  });
  const onFrame = createFrameRouter({
    markets: config.markets,
    source,
    normaliser,
    metrics,
    logger,
    onUpdate: (update, receivedAt) => updates.publish(update, receivedAt),
    onKline: (candle) => backfill.relay(candle),
  });

  feed = new BackpackWsClient({
    url: config.feed.wsUrl,
    streams: config.markets.flatMap((s) => [`bookTicker.${s}`, `ticker.${s}`, `trade.${s}`, `kline.1m.${s}`]),
    staleLinkMs: config.staleLinkMs,
    backoff: new Backoff({ baseMs: config.reconnectIntervalMs, capMs: config.reconnectCapMs ?? 30_000, random: deps.random }),
    connectTimeoutMs: 10_000,
    logger,
    now,
    onFrame,
    onOpen: () => {
      metrics.feedConnected.set(1);
      backfill.start();
    },
    onClose: () => {
      metrics.feedConnected.set(0);
      metrics.reconnects.inc();
      backfill.abort();
      normaliser.resetQuotes();
    },
  });
  const feedClient = feed;

  const readiness = (): Readiness =>
    readinessOf({
      markets: config.markets,
      source,
      wsUrl: config.feed.wsUrl,
      staleLinkMs: config.staleLinkMs,
      feed: feedClient,
      sink,
      updates,
      candles,
      lastUpdateAt,
      now,
    });

  return {
    start: () => feedClient.start(),
    async stop(flushTimeoutMs = 5_000) {
      backfill.abort();
      await feedClient.stop();
      const drained = await Promise.all([updates.flush(flushTimeoutMs), candles.flush(flushTimeoutMs)]);
      if (!drained.every(Boolean)) logger.warn({ updates: updates.stats(), candles: candles.stats() }, "stopped before Kafka acknowledged everything");
      updates.stop();
      candles.stop();
    },
    server: createHealthServer({ readiness, registry: metrics.registry }),
    readiness,
    metrics,
    updates,
    candles,
    feed: feedClient,
  };
}
