import type { FastifyPluginCallback } from "fastify";
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
  http.get("/", () => ({ name: "trading-engine", status: "ok" }));
  http.get("/health", () => ({ status: "ok", draining: isDraining(), stateHash: trading.stateHash(), feed: feed.status().detail }));
  http.get("/ready", (_request, reply) => {
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
  http.get("/metrics", async (_request, reply) => {
    const text = await metrics.render({ consumerLag: feed.status().lag, sockets: options.socketCount() });
    return reply.type(metrics.registry.contentType).send(text);
  });
  done();
};
