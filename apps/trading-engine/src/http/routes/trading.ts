import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import {
  ZCloseAllRequest,
  ZCloseAllResponse,
  ZClosedPosition,
  ZClosePositionRequest,
  ZClosePositionResponse,
  ZHistoryCsvQuery,
  ZHistoryQuery,
  ZModifyPositionRequest,
  ZOpenPositionRequest,
  ZPosition,
  ZPositionIdParams,
  ZStateResponse,
} from "@repo/shared-types/api";
import { MARKETS } from "@repo/shared-types/market";
import type { Metrics } from "../../metrics";
import { historyCsv } from "../../trading/history-csv";
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
  trailingStop: null,
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
  summary: "Close a position, or `quantity` of it, at the engine's fresh quote",
  description:
    "Without `quantity`, or with the whole open quantity, the whole position closes. With less, that much closes: the closed part takes its share of the margin and " +
    "the rest stays open with the same entry price (`remaining`). More than the open quantity is 422 INVALID_QUANTITY.",
  tags,
  body: ZClosePositionRequest,
  responses: { 200: ZClosePositionResponse },
  errors: ["POSITION_NOT_FOUND", "INVALID_QUANTITY", "SLIPPAGE_EXCEEDED", "PRICE_UNAVAILABLE"] as const,
  examples: {
    body: { positionId: "9b2f…" },
    response: {
      message: "Position closed successfully",
      realizedPnL: -0.27,
      position: { ...POSITION_EXAMPLE, closePrice: 150.49, realizedPnL: -0.27, closedAt: 1694097660000, closeReason: "manual" },
      remaining: null,
    },
  },
};
const closeAllDoc = {
  summary: "Close every open position matching the filters (symbol, side, profitable/losing) in one transaction",
  description: "An empty body closes everything. Each closed position has closeReason `manual`; a stale market among the selected refuses the whole command (503).",
  tags,
  body: ZCloseAllRequest,
  responses: { 200: ZCloseAllResponse },
  errors: ["PRICE_UNAVAILABLE"] as const,
  examples: { body: { symbol: "SOL_USDC", filter: "profitable" } },
};
const modifyDoc = {
  summary: "Edit the stop loss, take profit or trailing stop of an open position (null removes one)",
  description:
    "`trailingStop` is `{ distance }` in price units: the stop follows the best closing price by that distance and never moves back. " +
    "A level the current quote has already crossed, or one beyond the liquidation price, is 422 INVALID_STOPS.",
  tags,
  params: ZPositionIdParams,
  body: ZModifyPositionRequest,
  responses: { 200: ZPosition },
  errors: ["POSITION_NOT_FOUND", "INVALID_STOPS", "PRICE_UNAVAILABLE"] as const,
  examples: {
    body: { stopLoss: "140", trailingStop: { distance: "2.5" } },
    response: { ...POSITION_EXAMPLE, stopLoss: 140, trailingStop: { distance: 2.5, level: 147.99 } },
  },
};
const historyDoc = {
  summary: "Closed positions (each partial close its own row), newest first",
  description: "`before` (a closedAt, unix ms) pages back; `asset` and `reason` filter. A page never splits closes that share one closedAt, so it may hold more than `limit` rows.",
  tags,
  query: ZHistoryQuery,
  responses: { 200: z.array(ZClosedPosition) },
};
const historyCsvDoc = {
  summary: "The closed positions as CSV",
  description: "A header row of the ClosedPosition field names, then one row per close, newest first; ISO 8601 times, exact decimals. Takes the history's filters.",
  tags,
  query: ZHistoryCsvQuery,
  responses: { 200: { contentType: "text/csv", description: "history.csv" } },
};
const ASSET_OF_SYMBOL = new Map<string, string>(MARKETS.map((m) => [m.symbol, m.asset]));

/** State, open, close (whole, partial, all), stop edits and history of the signed-in account. */
export const tradingRoutes: FastifyPluginCallback<TradingRoutesOptions> = (http, { trading, authenticate, metrics }, done) => {
  http.get("/api/v1/state", { preHandler: authenticate, config: { doc: stateDoc } }, (request, reply) => {
    // Sent as text: the body is built from cached per-position JSON (present-state-json.ts).
    const state = trading.stateJson(userOf(request));
    if (state === null) throw new AppError("NOT_FOUND", "account not found");
    return reply.type("application/json; charset=utf-8").send(state);
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
  http.post("/api/v1/positions/close-all", { preHandler: authenticate, config: { doc: closeAllDoc } }, async (request) => {
    // An empty POST (no body at all) means "close everything".
    const body = parseInput(ZCloseAllRequest, request.body ?? {});
    const result = valueOf(await trading.closeAllPositions(userOf(request), body));
    metrics.orders.inc({ action: "close_all" });
    return result;
  });
  http.patch("/api/v1/positions/:positionId", { preHandler: authenticate, config: { doc: modifyDoc } }, async (request) => {
    const { positionId } = parseInput(ZPositionIdParams, request.params);
    const body = parseInput(ZModifyPositionRequest, request.body);
    const position = valueOf(await trading.modifyPosition(userOf(request), positionId, body));
    metrics.orders.inc({ action: "modify" });
    return position;
  });
  http.get("/api/v1/positions/history", { preHandler: authenticate, config: { doc: historyDoc } }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.history(userOf(request), query);
  });
  http.get("/api/v1/positions/history.csv", { preHandler: authenticate, config: { doc: historyCsvDoc } }, (request, reply) => {
    const query = parseInput(ZHistoryCsvQuery, request.query);
    const csv = historyCsv(trading.historyRows(userOf(request), query), (symbol) => ASSET_OF_SYMBOL.get(symbol) ?? symbol);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="history.csv"')
      .send(csv);
  });
  done();
};
