import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import {
  ZAccountStats,
  ZAlert,
  ZBalanceHistoryQuery,
  ZBalancePoint,
  ZPlaceAlertRequest,
  ZStateResponse,
} from "@repo/shared-types/api";
import type { TradingService } from "../../trading/trading-service";
import { userOf, type AuthenticateHook } from "../authenticate";
import { valueOf } from "../error-handler";
import { parseInput } from "../parse";

export interface AccountRoutesOptions {
  trading: TradingService;
  authenticate: AuthenticateHook;
}

const ZAlertParams = z.strictObject({ alertId: z.string().min(1).max(64) });

const ALERT_EXAMPLE = { alertId: "a1f0…", symbol: "SOL_USDC", condition: "above", price: 160, createdAt: 1694097600000, triggeredAt: null };
const placeAlertDoc = {
  summary: "Arm a one-shot price alert",
  description: "Fires on the first fresh quote that meets it (the ask for `above`, the bid for `below`) as `alert:triggered` on the owner's sockets.",
  tags: ["Alerts"],
  body: ZPlaceAlertRequest,
  responses: { 201: ZAlert },
  examples: { body: { symbol: "SOL_USDC", condition: "above", price: "160" }, response: ALERT_EXAMPLE },
};
const listAlertsDoc = { summary: "Every alert of the user, newest first (fired ones with triggeredAt)", tags: ["Alerts"], responses: { 200: z.array(ZAlert) } };
const removeAlertDoc = {
  summary: "Remove an alert",
  tags: ["Alerts"],
  params: ZAlertParams,
  responses: { 200: ZAlert },
  errors: ["NOT_FOUND"] as const,
  examples: { response: ALERT_EXAMPLE },
};
const resetDoc = {
  summary: "Reset the demo account: every order cancelled, every position closed at market (reason `reset`), USD back to 10,000",
  description: "One command; the difference is recorded as a deposit or withdrawal so conservation holds. A stale market holding a position refuses the whole reset (503).",
  tags: ["Account"],
  responses: { 200: ZStateResponse },
  errors: ["PRICE_UNAVAILABLE", "NOT_FOUND"] as const,
};
const balanceHistoryDoc = {
  summary: "The cash balance over time, ascending: deposit, each close, resets",
  tags: ["Account"],
  query: ZBalanceHistoryQuery,
  responses: { 200: z.array(ZBalancePoint) },
};
const statsDoc = {
  summary: "Trading figures: trades, win rate, realised PnL, best/worst trade, largest drawdown",
  tags: ["Account"],
  responses: { 200: ZAccountStats },
};

/** Price alerts, the demo reset, the balance curve and the account's trading figures. */
export const accountRoutes: FastifyPluginCallback<AccountRoutesOptions> = (http, { trading, authenticate }, done) => {
  http.post("/api/v1/alerts", { preHandler: authenticate, config: { doc: placeAlertDoc } }, async (request, reply) => {
    const body = parseInput(ZPlaceAlertRequest, request.body);
    return reply.status(201).send(valueOf(await trading.placeAlert(userOf(request), body)));
  });
  http.get("/api/v1/alerts", { preHandler: authenticate, config: { doc: listAlertsDoc } }, (request) => trading.alerts(userOf(request)));
  http.delete("/api/v1/alerts/:alertId", { preHandler: authenticate, config: { doc: removeAlertDoc } }, async (request) => {
    const { alertId } = parseInput(ZAlertParams, request.params);
    return valueOf(await trading.removeAlert(userOf(request), alertId));
  });
  http.post("/api/v1/account/reset", { preHandler: authenticate, config: { doc: resetDoc } }, async (request) =>
    valueOf(await trading.resetAccount(userOf(request))),
  );
  http.get("/api/v1/account/balance-history", { preHandler: authenticate, config: { doc: balanceHistoryDoc } }, (request) => {
    const { limit } = parseInput(ZBalanceHistoryQuery, request.query);
    return trading.balanceHistory(userOf(request), limit);
  });
  http.get("/api/v1/account/stats", { preHandler: authenticate, config: { doc: statsDoc } }, (request) => trading.stats(userOf(request)));
  done();
};
