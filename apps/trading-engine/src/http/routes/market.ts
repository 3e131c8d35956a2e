import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import { ZCandle, ZCandlesQuery, ZMarketInfo } from "@repo/shared-types/api";
import type { CandleService } from "../../market/candle-service";
import type { TradingService } from "../../trading/trading-service";
import { parseInput } from "../parse";

export interface MarketRoutesOptions {
  trading: TradingService;
  candles: CandleService;
}

/** Market list and chart candles (public). */
export const marketRoutes: FastifyPluginCallback<MarketRoutesOptions> = (http, { trading, candles }, done) => {
  const marketsDoc = {
    summary: "Markets with their latest quote",
    description: "`stale` is true when the latest quote is older than PRICE_STALE_MS: orders on it get 503 PRICE_UNAVAILABLE.",
    tags: ["Markets"],
    responses: { 200: z.array(ZMarketInfo) },
    examples: {
      response: [{ symbol: "SOL_USDC", asset: "SOL", bid: 150.49, ask: 150.51, price: 150.5, timestamp: 1694097600000, stale: false, maxLeverage: 100, source: "backpack" }],
    },
  };
  http.get("/api/v1/markets", { config: { doc: marketsDoc } }, () => trading.markets());
  const candlesDoc = {
    summary: "Candles of a market, ascending",
    description: "`time` is the candle's start in unix seconds. Intervals 1m 5m 15m 1h 4h 1d.",
    tags: ["Markets"],
    query: ZCandlesQuery,
    responses: { 200: z.array(ZCandle) },
    examples: { response: [{ time: 1694097600, open: 150.1, high: 150.9, low: 149.8, close: 150.5, volume: 1234.5 }] },
  };
  http.get("/api/v1/candles", { config: { doc: candlesDoc } }, (request) => {
    const query = parseInput(ZCandlesQuery, request.query);
    return candles.query(query.symbol, query.interval, query.limit);
  });
  done();
};
