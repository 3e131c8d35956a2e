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

/**
 * `Idempotency-Key` means the same as `clientOrderId` (architecture §5): it fills a body without
 * one; both and different is ambiguous and refused by the schema check as a bad clientOrderId.
 */
export function withIdempotencyKey(header: string | string[] | undefined, body: unknown): unknown {
  if (header === undefined || typeof body !== "object" || body === null) return body;
  const key = Array.isArray(header) ? header.join(",") : header;
  const current = (body as { clientOrderId?: unknown }).clientOrderId;
  if (current === undefined) return { ...body, clientOrderId: key };
  if (current !== key) throw new AppError("INVALID_REQUEST", "Idempotency-Key and clientOrderId differ");
  return body;
}

/** State, open, close and history of the signed-in account. */
export const tradingRoutes: FastifyPluginCallback<TradingRoutesOptions> = (http, { trading, authenticate, metrics }, done) => {
  http.get("/api/v1/state", { preHandler: authenticate }, (request, reply) => {
    // Sent as text: the body is built from cached per-position JSON (present-state-json.ts).
    const state = trading.stateJson(userOf(request));
    if (state === null) throw new AppError("NOT_FOUND", "account not found");
    return reply.type("application/json; charset=utf-8").send(state);
  });
  http.post("/api/v1/positions/open", { preHandler: authenticate }, async (request, reply) => {
    const body = parseInput(ZOpenPositionRequest, withIdempotencyKey(request.headers["idempotency-key"], request.body));
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
