import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import { ZBalanceHistoryQuery, ZPlaceAlertRequest } from "@repo/shared-types/api";
import type { TradingService } from "../../trading/trading-service";
import { userOf, type AuthenticateHook } from "../authenticate";
import { valueOf } from "../error-handler";
import { parseInput } from "../parse";

export interface AccountRoutesOptions {
  trading: TradingService;
  authenticate: AuthenticateHook;
}

const ZAlertParams = z.strictObject({ alertId: z.string().min(1).max(64) });

/** Price alerts, the demo reset, the balance curve and the account's trading figures. */
export const accountRoutes: FastifyPluginCallback<AccountRoutesOptions> = (http, { trading, authenticate }, done) => {
  http.post("/api/v1/alerts", { preHandler: authenticate }, async (request, reply) => {
    const body = parseInput(ZPlaceAlertRequest, request.body);
    return reply.status(201).send(valueOf(await trading.placeAlert(userOf(request), body)));
  });
  http.get("/api/v1/alerts", { preHandler: authenticate }, (request) => trading.alerts(userOf(request)));
  http.delete("/api/v1/alerts/:alertId", { preHandler: authenticate }, async (request) => {
    const { alertId } = parseInput(ZAlertParams, request.params);
    return valueOf(await trading.removeAlert(userOf(request), alertId));
  });
  http.post("/api/v1/account/reset", { preHandler: authenticate }, async (request) =>
    valueOf(await trading.resetAccount(userOf(request))),
  );
  http.get("/api/v1/account/balance-history", { preHandler: authenticate }, (request) => {
    const { limit } = parseInput(ZBalanceHistoryQuery, request.query);
    return trading.balanceHistory(userOf(request), limit);
  });
  http.get("/api/v1/account/stats", { preHandler: authenticate }, (request) => trading.stats(userOf(request)));
  done();
};
