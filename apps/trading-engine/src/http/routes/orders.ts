import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import {
  ZHistoryQuery,
  ZModifyOrderRequest,
  ZOrder,
  ZOrderIdParams,
  ZPlaceOrderRequest,
} from "@repo/shared-types/api";
import type { Metrics } from "../../metrics";
import type { TradingService } from "../../trading/trading-service";
import { userOf, type AuthenticateHook } from "../authenticate";
import { valueOf } from "../error-handler";
import { parseInput } from "../parse";
import { withIdempotencyKey } from "./trading";

export interface OrderRoutesOptions {
  trading: TradingService;
  authenticate: AuthenticateHook;
  metrics: Metrics;
}

const tags = ["Orders"];
const ORDER_EXAMPLE = {
  orderId: "3c1a…",
  asset: "SOL",
  type: "long",
  orderType: "limit",
  price: 145,
  margin: 100,
  leverage: 5,
  stopLoss: 140,
  takeProfit: null,
  expiresAt: null,
  clientOrderId: "bot-1-0002",
  status: "open",
  createdAt: 1694097600000,
  updatedAt: 1694097600000,
  positionId: null,
  reason: null,
};
const placeDoc = {
  summary: "Place a limit or stop order (its margin is reserved now)",
  description:
    "A long limit's `price` must be below the current ask, a long stop's above it; shorts mirror on the bid (else 422 INVALID_ORDER_PRICE). " +
    "A repeated `clientOrderId` (or `Idempotency-Key`) returns the original order; the same id with a different body is 409. Changes arrive as `order:updated`.",
  tags,
  body: ZPlaceOrderRequest,
  responses: { 201: ZOrder },
  errors: ["INSUFFICIENT_FUNDS", "INVALID_ORDER_PRICE", "INVALID_STOPS", "IDEMPOTENCY_CONFLICT", "PRICE_UNAVAILABLE"] as const,
  examples: { body: { asset: "SOL", type: "long", orderType: "limit", price: "145", margin: "100", leverage: 5, stopLoss: 140, clientOrderId: "bot-1-0002" }, response: ORDER_EXAMPLE },
};
const listDoc = { summary: "Open orders", tags, responses: { 200: z.array(ZOrder) }, examples: { response: [ORDER_EXAMPLE] } };
const historyDoc = { summary: "Orders in every status, newest first", tags, query: ZHistoryQuery, responses: { 200: z.array(ZOrder) } };
const modifyDoc = {
  summary: "Change an open order's price, stops or expiry (null removes a stop or the expiry)",
  tags,
  params: ZOrderIdParams,
  body: ZModifyOrderRequest,
  responses: { 200: ZOrder },
  errors: ["ORDER_NOT_FOUND", "INVALID_ORDER_PRICE", "INVALID_STOPS", "INSUFFICIENT_FUNDS", "PRICE_UNAVAILABLE"] as const,
  examples: { body: { price: 144.5, stopLoss: null }, response: { ...ORDER_EXAMPLE, price: 144.5, stopLoss: null } },
};
const cancelDoc = {
  summary: "Cancel an open order (its margin returns)",
  tags,
  params: ZOrderIdParams,
  responses: { 200: ZOrder },
  errors: ["ORDER_NOT_FOUND"] as const,
  examples: { response: { ...ORDER_EXAMPLE, status: "cancelled" } },
};

/** Pending orders of the signed-in account (architecture §5): place, list, history, modify, cancel. */
export const orderRoutes: FastifyPluginCallback<OrderRoutesOptions> = (
  http,
  { trading, authenticate, metrics },
  done,
) => {
  http.post("/api/v1/orders", { preHandler: authenticate, config: { doc: placeDoc } }, async (request, reply) => {
    const body = parseInput(
      ZPlaceOrderRequest,
      withIdempotencyKey(request.headers["idempotency-key"], request.body),
    );
    const { order } = valueOf(await trading.placeOrder(userOf(request), body));
    metrics.orders.inc({ action: "place" });
    return reply.status(201).send(order);
  });
  http.get("/api/v1/orders", { preHandler: authenticate, config: { doc: listDoc } }, (request) =>
    trading.openOrders(userOf(request)),
  );
  http.get("/api/v1/orders/history", { preHandler: authenticate, config: { doc: historyDoc } }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.orderHistory(userOf(request), query.limit);
  });
  http.patch("/api/v1/orders/:orderId", { preHandler: authenticate, config: { doc: modifyDoc } }, async (request) => {
    const { orderId } = parseInput(ZOrderIdParams, request.params);
    const body = parseInput(ZModifyOrderRequest, request.body);
    const order = valueOf(await trading.modifyOrder(userOf(request), orderId, body));
    metrics.orders.inc({ action: "modify" });
    return order;
  });
  http.delete("/api/v1/orders/:orderId", { preHandler: authenticate, config: { doc: cancelDoc } }, async (request) => {
    const { orderId } = parseInput(ZOrderIdParams, request.params);
    const order = valueOf(await trading.cancelOrder(userOf(request), orderId));
    metrics.orders.inc({ action: "cancel" });
    return order;
  });
  done();
};
