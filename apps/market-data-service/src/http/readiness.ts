import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TFeedSource, TMarketUpdate } from "@repo/shared-types/market";
import type { BackpackWsClient } from "../feed/backpack-ws-client";
import type { MessageSink } from "../ports/message-sink";
import type { CoalescingPublisher } from "../publisher/coalescing-publisher";
import type { Readiness } from "./health-server";

export interface ReadinessDeps {
  markets: readonly string[];
  source: TFeedSource;
  wsUrl: string;
  staleLinkMs: number;
  feed: BackpackWsClient;
  sink: MessageSink;
  updates: CoalescingPublisher<TMarketUpdate>;
  candles: CoalescingPublisher<TCandleMessage>;
  /** When each symbol's latest price was acknowledged by Kafka. */
  lastUpdateAt: ReadonlyMap<string, number>;
  now: () => number;
}

/** Ready only while the feed is open and fresh, every market has a recent price, and Kafka takes sends. */
export function readinessOf(deps: ReadinessDeps): Readiness {
  const reasons: string[] = [];
  const t = deps.now();
  const state = deps.feed.getState();
  if (state !== "open") reasons.push(`feed is ${state}`);
  const lastFrame = deps.feed.lastFrameTime();
  const frameAge = lastFrame === 0 ? null : t - lastFrame;
  if (frameAge === null || frameAge >= deps.staleLinkMs) reasons.push(frameAge === null ? "no frame received yet" : `last frame ${frameAge} ms ago`);
  for (const symbol of deps.markets) {
    const at = deps.lastUpdateAt.get(symbol);
    if (at === undefined) reasons.push(`${symbol}: no price published yet`);
    else if (t - at >= deps.staleLinkMs) reasons.push(`${symbol}: last price published ${t - at} ms ago`);
  }
  const stats = deps.updates.stats();
  if (!deps.sink.isConnected()) reasons.push("kafka producer is not connected");
  else if (stats.failing) reasons.push(`kafka sends failing: ${stats.lastError ?? "unknown error"}`);
  return {
    ready: reasons.length === 0,
    reasons,
    details: {
      source: deps.source,
      feed: { state, url: deps.wsUrl, lastFrameAgeMs: frameAge, reconnects: deps.feed.reconnectCount() },
      kafka: { connected: deps.sink.isConnected(), updates: stats, candles: deps.candles.stats() },
    },
  };
}
