import type { FastifyPluginCallback } from "fastify";
import { ZCandlesQuery } from "@repo/shared-types/api";
import type { CandleService } from "../../market/candle-service";
import type { TradingService } from "../../trading/trading-service";
import { parseInput } from "../parse";

export interface MarketRoutesOptions {
  trading: TradingService;
  candles: CandleService;
}

/** Market list and chart candles (public). */
export const marketRoutes: FastifyPluginCallback<MarketRoutesOptions> = (http, { trading, candles }, done) => {
  http.get("/api/v1/markets", () => trading.markets());
  http.get("/api/v1/candles", (request) => {
    const query = parseInput(ZCandlesQuery, request.query);
    return candles.query(query.symbol, query.interval, query.limit);
  });
  done();
};
