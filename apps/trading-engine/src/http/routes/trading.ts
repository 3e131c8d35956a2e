import type { FastifyPluginCallback } from "fastify";
import { ZClosePositionRequest, ZHistoryQuery, ZOpenPositionRequest } from "@repo/shared-types/api";
import type { Metrics } from "../../metrics";
import type { TradingService } from "../../trading/trading-service";
import { AppError } from "../app-error";
import { userOf, type AuthenticateHook } from "../authenticate";
import { valueOf } from "../error-handler";
import { parseInput } from "../parse";

export interface TradingRoutesOptions {
  trading: TradingService;
  authenticate: AuthenticateHook;
  metrics: Metrics;
}

/** State, open, close and history of the signed-in account. */
export const tradingRoutes: FastifyPluginCallback<TradingRoutesOptions> = (http, { trading, authenticate, metrics }, done) => {
  http.get("/api/v1/state", { preHandler: authenticate }, (request) => {
    const state = trading.state(userOf(request));
    if (state === null) throw new AppError("NOT_FOUND", "account not found");
    return state;
  });
  http.post("/api/v1/positions/open", { preHandler: authenticate }, async (request, reply) => {
    const body = parseInput(ZOpenPositionRequest, request.body);
    const { position } = valueOf(await trading.openPosition(userOf(request), body));
    metrics.orders.inc({ action: "open" });
    return reply.status(201).send(position);
  });
  http.post("/api/v1/positions/close", { preHandler: authenticate }, async (request) => {
    const body = parseInput(ZClosePositionRequest, request.body);
    const result = valueOf(await trading.closePosition(userOf(request), body));
    metrics.orders.inc({ action: "close" });
    return result;
  });
  http.get("/api/v1/positions/history", { preHandler: authenticate }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.history(userOf(request), query.limit);
  });
  done();
};
