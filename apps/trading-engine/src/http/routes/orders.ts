import type { FastifyPluginCallback } from "fastify";
import {
  ZHistoryQuery,
  ZModifyOrderRequest,
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

/** Pending orders of the signed-in account (architecture §5): place, list, history, modify, cancel. */
export const orderRoutes: FastifyPluginCallback<OrderRoutesOptions> = (
  http,
  { trading, authenticate, metrics },
  done,
) => {
  http.post("/api/v1/orders", { preHandler: authenticate }, async (request, reply) => {
    const body = parseInput(
      ZPlaceOrderRequest,
      withIdempotencyKey(request.headers["idempotency-key"], request.body),
    );
    const { order } = valueOf(await trading.placeOrder(userOf(request), body));
    metrics.orders.inc({ action: "place" });
    return reply.status(201).send(order);
  });
  http.get("/api/v1/orders", { preHandler: authenticate }, (request) =>
    trading.openOrders(userOf(request)),
  );
  http.get("/api/v1/orders/history", { preHandler: authenticate }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.orderHistory(userOf(request), query.limit);
  });
  http.patch("/api/v1/orders/:orderId", { preHandler: authenticate }, async (request) => {
    const { orderId } = parseInput(ZOrderIdParams, request.params);
    const body = parseInput(ZModifyOrderRequest, request.body);
    const order = valueOf(await trading.modifyOrder(userOf(request), orderId, body));
    metrics.orders.inc({ action: "modify" });
    return order;
  });
  http.delete("/api/v1/orders/:orderId", { preHandler: authenticate }, async (request) => {
    const { orderId } = parseInput(ZOrderIdParams, request.params);
    const order = valueOf(await trading.cancelOrder(userOf(request), orderId));
    metrics.orders.inc({ action: "cancel" });
    return order;
  });
  done();
};
