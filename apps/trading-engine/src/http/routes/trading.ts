import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import {
  ZClosedPosition,
  ZClosePositionRequest,
  ZClosePositionResponse,
  ZHistoryQuery,
  ZOpenPositionRequest,
  ZPosition,
  ZStateResponse,
} from "@repo/shared-types/api";
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

const tags = ["Trading"];
const POSITION_EXAMPLE = {
  positionId: "9b2f…",
  asset: "SOL",
  type: "long",
  margin: 1000,
  leverage: 2,
  entryPrice: 150.51,
  quantity: 13.28815361,
  unrealizedPnL: -0.27,
  timestamp: 1694097600000,
  liquidationPrice: 75.26,
  stopLoss: null,
  takeProfit: null,
  currentPrice: 150.49,
};
const stateDoc = {
  summary: "Balances, open positions and the account summary",
  description: "`freeMargin` is the figure every margin check uses; `marginLevel` is null without positions. Also pushed as `account:state` on the socket.",
  tags,
  responses: { 200: ZStateResponse },
  errors: ["NOT_FOUND"] as const,
  examples: {
    response: {
      balances: { USD: 9000, SOL: 0 },
      positions: [POSITION_EXAMPLE],
      orders: [],
      account: { balance: 9000, equity: 9999.73, usedMargin: 1000, orderMargin: 0, freeMargin: 8999.73, marginLevel: 99.99 },
    },
  },
};
const openDoc = {
  summary: "Open a position at the engine's fresh quote (long at the ask, short at the bid)",
  description:
    "`slippage` is a percentage (default 1); with `currentPrice` the open is refused (422 SLIPPAGE_EXCEEDED) when the fill differs from it by more. " +
    "A repeated `clientOrderId` (or `Idempotency-Key`) returns the original position; the same id with a different body is 409 IDEMPOTENCY_CONFLICT.",
  tags,
  body: ZOpenPositionRequest,
  responses: { 201: ZPosition },
  errors: ["INSUFFICIENT_FUNDS", "SLIPPAGE_EXCEEDED", "INVALID_STOPS", "IDEMPOTENCY_CONFLICT", "PRICE_UNAVAILABLE"] as const,
  examples: { body: { asset: "SOL", type: "long", margin: "1000", leverage: 2, slippage: 0.1, currentPrice: 150.5, clientOrderId: "bot-1-0001" }, response: POSITION_EXAMPLE },
};
const closeDoc = {
  summary: "Close a position at the engine's fresh quote",
  tags,
  body: ZClosePositionRequest,
  responses: { 200: ZClosePositionResponse },
  errors: ["POSITION_NOT_FOUND", "SLIPPAGE_EXCEEDED", "PRICE_UNAVAILABLE"] as const,
  examples: {
    body: { positionId: "9b2f…" },
    response: { message: "Position closed successfully", realizedPnL: -0.27, position: { ...POSITION_EXAMPLE, closePrice: 150.49, realizedPnL: -0.27, closedAt: 1694097660000, closeReason: "manual" } },
  },
};
const historyDoc = { summary: "Closed positions, newest first", tags, query: ZHistoryQuery, responses: { 200: z.array(ZClosedPosition) } };

/** State, open, close and history of the signed-in account. */
export const tradingRoutes: FastifyPluginCallback<TradingRoutesOptions> = (http, { trading, authenticate, metrics }, done) => {
  http.get("/api/v1/state", { preHandler: authenticate, config: { doc: stateDoc } }, (request) => {
    const state = trading.state(userOf(request));
    if (state === null) throw new AppError("NOT_FOUND", "account not found");
    return state;
  });
  http.post("/api/v1/positions/open", { preHandler: authenticate, config: { doc: openDoc } }, async (request, reply) => {
    const body = parseInput(ZOpenPositionRequest, withIdempotencyKey(request.headers["idempotency-key"], request.body));
    const { position } = valueOf(await trading.openPosition(userOf(request), body));
    metrics.orders.inc({ action: "open" });
    return reply.status(201).send(position);
  });
  http.post("/api/v1/positions/close", { preHandler: authenticate, config: { doc: closeDoc } }, async (request) => {
    const body = parseInput(ZClosePositionRequest, request.body);
    const result = valueOf(await trading.closePosition(userOf(request), body));
    metrics.orders.inc({ action: "close" });
    return result;
  });
  http.get("/api/v1/positions/history", { preHandler: authenticate, config: { doc: historyDoc } }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.history(userOf(request), query.limit);
  });
  done();
};
