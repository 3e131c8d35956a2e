import type { FastifyPluginCallback } from "fastify";
import { ZHealthResponse, ZReadyResponse, ZServiceInfo } from "@repo/shared-types/probes";
import type { MarketFeed } from "../../market/market-feed";
import type { Metrics } from "../../metrics";
import type { TradingService } from "../../trading/trading-service";

export interface PublicRoutesOptions {
  trading: TradingService;
  feed: MarketFeed;
  metrics: Metrics;
  isDraining: () => boolean;
  /** Connected Socket.IO clients, sampled per scrape. */
  socketCount: () => number;
}

/** `/`, `/health`, `/ready`, `/metrics`: probes and scrapes, no auth. */
export const publicRoutes: FastifyPluginCallback<PublicRoutesOptions> = (http, options, done) => {
  const { trading, feed, metrics, isDraining } = options;
  http.get("/", { config: { doc: { summary: "Service name and status", tags: ["Public"], responses: { 200: ZServiceInfo } } } }, () => ({ name: "trading-engine", status: "ok" }));
  http.get("/health", { config: { doc: { summary: "Liveness, with the engine's state hash", tags: ["Public"], responses: { 200: ZHealthResponse } } } }, () => ({ status: "ok", draining: isDraining(), stateHash: trading.stateHash(), feed: feed.status().detail }));
  const readyDoc = {
    summary: "Readiness: 200 only when Kafka is connected and every market has a fresh price",
    description: "A 503 SERVICE_UNAVAILABLE says why, with `kafka` and `staleMarkets` beside the error.",
    tags: ["Public"],
    responses: { 200: ZReadyResponse },
  };
  http.get("/ready", { config: { doc: readyDoc } }, (_request, reply) => {
    const feedStatus = feed.status();
    const stale = trading.staleSymbols();
    const reasons: string[] = [];
    if (isDraining()) reasons.push("shutting down");
    if (!feedStatus.connected) reasons.push(`kafka not connected (${feedStatus.detail})`);
    if (stale.length > 0) reasons.push(`no fresh prices for ${stale.join(", ")}`);
    const details = { kafka: feedStatus, staleMarkets: stale };
    if (reasons.length === 0) return { status: "ready", ...details };
    return reply.status(503).send({ error: { code: "SERVICE_UNAVAILABLE", message: reasons.join("; ") }, ...details });
  });
  const metricsDoc = { summary: "Prometheus metrics", tags: ["Public"], responses: { 200: { contentType: "text/plain", description: "Prometheus text format." } } };
  http.get("/metrics", { config: { doc: metricsDoc } }, async (_request, reply) => {
    const text = await metrics.render({ consumerLag: feed.status().lag, sockets: options.socketCount() });
    return reply.type(metrics.registry.contentType).send(text);
  });
  done();
};
