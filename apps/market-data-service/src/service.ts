import { setTimeout as delay } from "node:timers/promises";
import type { Server } from "node:http";
import { TOPICS, withTopicName } from "@repo/kafka-utils/topics";
import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TMarketUpdate } from "@repo/shared-types/market";
import type { Logger } from "pino";
import { parseFrame } from "./backpack/parse-frame";
import { fetchKlineHistory } from "./candles/fetch-kline-history";
import { klineFrameToCandle, restKlineToCandle } from "./candles/to-candle-message";
import { Backoff } from "./feed/backoff";
import { BackpackWsClient } from "./feed/backpack-ws-client";
import { createHealthServer, type Readiness } from "./http/health-server";
import { createMetrics, type ServiceMetrics } from "./metrics";
import { MarketNormaliser } from "./normaliser";
import type { FeedEndpoint } from "./feed/feed-endpoint";
import type { MessageSink } from "./ports/message-sink";
import { CoalescingPublisher } from "./publisher/coalescing-publisher";

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

const BACKFILL_ATTEMPTS = 3;

/** Builds the whole service from its dependencies without opening sockets (composition root). */
export function createMarketDataService(deps: MarketDataServiceDeps): MarketDataService {
  const { config, sink, logger } = deps;
  const now = deps.now ?? Date.now;
  const source = config.feed.source;
  const updatesTopic = withTopicName(TOPICS.marketUpdates, config.updatesTopic);
  const candlesTopic = withTopicName(TOPICS.candles, config.candlesTopic);
  const normaliser = new MarketNormaliser(config.markets, source, {
    now,
    maxClockSkewMs: config.maxClockSkewMs,
    staleBookMs: config.staleLinkMs,
  });
  const lastUpdateAt = new Map<string, number>();
  /** Live klines that arrive while a symbol's history is being fetched; sent after the history. */
  const heldKlines = new Map<string, Map<number, TCandleMessage>>();
  let backfillAbort: AbortController | null = null;
  let malformedLoggedAt = 0;

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

  const updates = new CoalescingPublisher<TMarketUpdate>({
    topic: updatesTopic,
    sink,
    coalesceKey: (u) => u.symbol,
    maxPending: Math.max(config.markets.length, 1),
    now,
    onSent: (values, enqueuedAt, sendMs) => {
      metrics.sendLatency.observe({ topic: updatesTopic.name }, sendMs / 1000);
      const t = now();
      for (const value of values) {
        metrics.messagesOut.inc({ topic: updatesTopic.name, symbol: value.symbol });
        lastUpdateAt.set(value.symbol, t);
      }
      deps.onUpdatesAcked?.(values, enqueuedAt);
    },
    onCoalesced: (n) => metrics.coalesced.inc({ topic: updatesTopic.name }, n),
    onDropped: (n, reason) => metrics.dropped.inc({ topic: updatesTopic.name, reason }, n),
    onSendError: (error, attempt) => logSendError("market updates", error, attempt),
  });
  const candles = new CoalescingPublisher<TCandleMessage>({
    topic: candlesTopic,
    sink,
    coalesceKey: (c) => `${c.symbol}:${c.time}`,
    // Bounded by the history window plus a little live traffic per market.
    maxPending: Math.max(config.markets.length, 1) * (config.candleHistoryMinutes + 120),
    now,
    onSent: (values, _enqueuedAt, sendMs) => {
      metrics.sendLatency.observe({ topic: candlesTopic.name }, sendMs / 1000);
      for (const value of values) metrics.messagesOut.inc({ topic: candlesTopic.name, symbol: value.symbol });
    },
    onCoalesced: (n) => metrics.coalesced.inc({ topic: candlesTopic.name }, n),
    onDropped: (n, reason) => metrics.dropped.inc({ topic: candlesTopic.name, reason }, n),
    onSendError: (error, attempt) => logSendError("candles", error, attempt),
  });

  publishers = [updates as CoalescingPublisher<unknown>, candles as CoalescingPublisher<unknown>];

  function logSendError(what: string, error: unknown, attempt: number): void {
    // First failure and then every 10th: an outage must not flood the log.
    if (attempt === 1 || attempt % 10 === 0) {
      logger.warn({ err: error instanceof Error ? error.message : String(error), attempt }, `kafka send of ${what} failed; keeping the latest state and retrying`);
    }
  }

  function onFrame(text: string, receivedAt: number): void {
    const frame = parseFrame(text);
    switch (frame.kind) {
      case "malformed":
        metrics.framesMalformed.inc();
        if (receivedAt - malformedLoggedAt > 60_000) {
          malformedLoggedAt = receivedAt;
          logger.warn({ stream: frame.stream, reason: frame.reason }, "malformed frame skipped (logged at most once a minute)");
        }
        return;
      case "error":
        metrics.feedErrors.inc({ code: String(frame.code ?? "unknown") });
        logger.warn({ code: frame.code, message: frame.message }, "exchange error frame");
        return;
      case "ignored":
        metrics.framesIn.inc({ stream: frame.stream.split(".")[0] ?? "unknown", symbol: frame.stream.split(".").at(-1) ?? "" });
        return;
      case "kline":
        metrics.framesIn.inc({ stream: "kline", symbol: frame.symbol });
        if (frame.interval !== "1m" || !config.markets.includes(frame.symbol)) return;
        relayKline(klineFrameToCandle(frame, source));
        return;
      default: {
        metrics.framesIn.inc({ stream: frame.kind, symbol: frame.symbol });
        const result = normaliser.apply(frame);
        if (result.ok) updates.publish(result.update, receivedAt);
        else metrics.skipped.inc({ reason: result.reason });
      }
    }
  }

  function relayKline(candle: TCandleMessage): void {
    const held = heldKlines.get(candle.symbol);
    if (held) held.set(candle.time, candle);
    else candles.publish(candle);
  }

  async function backfill(symbol: string, signal: AbortSignal): Promise<void> {
    heldKlines.set(symbol, new Map());
    try {
      for (let attempt = 1; attempt <= BACKFILL_ATTEMPTS && !signal.aborted; attempt += 1) {
        try {
          const toSec = Math.floor(now() / 1000);
          const fromSec = Math.floor(toSec / 60) * 60 - config.candleHistoryMinutes * 60;
          const history = await fetchKlineHistory({
            restUrl: config.feed.restUrl,
            symbol,
            fromSec,
            toSec,
            fetchImpl: deps.fetchImpl,
            signal,
          });
          if (signal.aborted) return;
          const t = now();
          for (const kline of history.klines) candles.publish(restKlineToCandle(symbol, kline, t, source));
          metrics.candlesBackfilled.inc({ symbol }, history.klines.length);
          logger.info({ symbol, candles: history.klines.length, pages: history.pages, malformed: history.malformed }, "candle history queued");
          return;
        } catch (error) {
          if (signal.aborted) return;
          logger.warn({ symbol, attempt, err: error instanceof Error ? error.message : String(error) }, "candle history fetch failed");
          // Ends early, without an error, when the service stops.
          await delay(1_000 * attempt, undefined, { signal }).catch(() => undefined);
        }
      }
    } finally {
      // Live updates seen during the fetch go after the history, so the newest version wins.
      const held = heldKlines.get(symbol);
      heldKlines.delete(symbol);
      for (const candle of held?.values() ?? []) candles.publish(candle);
    }
  }

  function startBackfill(): void {
    backfillAbort?.abort();
    const controller = new AbortController();
    backfillAbort = controller;
    void Promise.all(config.markets.map((symbol) => backfill(symbol, controller.signal)));
  }

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
      startBackfill();
    },
    onClose: () => {
      metrics.feedConnected.set(0);
      metrics.reconnects.inc();
      backfillAbort?.abort();
      normaliser.resetQuotes();
    },
  });
  const feedClient = feed;

  function readiness(): Readiness {
    const reasons: string[] = [];
    const t = now();
    const state = feedClient.getState();
    if (state !== "open") reasons.push(`feed is ${state}`);
    const lastFrame = feedClient.lastFrameTime();
    const frameAge = lastFrame === 0 ? null : t - lastFrame;
    if (frameAge === null || frameAge >= config.staleLinkMs) reasons.push(frameAge === null ? "no frame received yet" : `last frame ${frameAge} ms ago`);
    for (const symbol of config.markets) {
      const at = lastUpdateAt.get(symbol);
      if (at === undefined) reasons.push(`${symbol}: no price published yet`);
      else if (t - at >= config.staleLinkMs) reasons.push(`${symbol}: last price published ${t - at} ms ago`);
    }
    const stats = updates.stats();
    if (!sink.isConnected()) reasons.push("kafka producer is not connected");
    else if (stats.failing) reasons.push(`kafka sends failing: ${stats.lastError ?? "unknown error"}`);
    return {
      ready: reasons.length === 0,
      reasons,
      details: {
        source,
        feed: { state, url: config.feed.wsUrl, lastFrameAgeMs: frameAge, reconnects: feedClient.reconnectCount() },
        kafka: { connected: sink.isConnected(), updates: stats, candles: candles.stats() },
      },
    };
  }

  const server = createHealthServer({ readiness, registry: metrics.registry });

  return {
    start: () => feedClient.start(),
    async stop(flushTimeoutMs = 5_000) {
      backfillAbort?.abort();
      await feedClient.stop();
      const drained = await Promise.all([updates.flush(flushTimeoutMs), candles.flush(flushTimeoutMs)]);
      if (!drained.every(Boolean)) logger.warn({ updates: updates.stats(), candles: candles.stats() }, "stopped before Kafka acknowledged everything");
      updates.stop();
      candles.stop();
    },
    server,
    readiness,
    metrics,
    updates,
    candles,
    feed: feedClient,
  };
}
