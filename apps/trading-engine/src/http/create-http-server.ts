import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { TErrorCode } from "@repo/shared-types/errors";
import type { TrustProxy } from "../env";
import { AppError } from "./app-error";
import { decorateAuth } from "./authenticate";
import { registerErrorHandler } from "./error-handler";
import { collectRoutes, type CatalogRoute } from "./openapi/route-catalog";

declare module "fastify" {
  interface FastifyInstance {
    /** Every API route registered, in order (the OpenAPI document is built from it). */
    routeCatalog: CatalogRoute[];
  }
}

export interface HttpServerOptions {
  webOrigins: string[];
  ipPerMinute: number;
  trustProxy: TrustProxy;
  logger?: FastifyBaseLogger;
  isDraining: () => boolean;
  /** Every error code answered (the rejects metric). */
  onError: (code: TErrorCode) => void;
}

/** A client's own X-Request-Id is kept when it is short and plain (it ends up in our logs). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the client's sane `X-Request-Id`, else a new UUID. Echoed on every response and logged as reqId. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers["x-request-id"];
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * Fastify with what every route shares: the error mapping, the drain gate, CORS and the per-IP
 * rate limit. Routes are registered on it afterwards, so the limit and hooks cover them.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const http = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // A hop count becomes proxy-addr's own rule (trust the nearest N hops); fastify's types lack the number form.
    trustProxy: typeof options.trustProxy === "number" ? trustHops(options.trustProxy) : options.trustProxy,
    bodyLimit: 16 * 1024,
    // Our own onRequest hook answers 503 SERVICE_UNAVAILABLE in the shared error shape while draining.
    return503OnClosing: false,
    genReqId: requestIdOf,
  });
  decorateAuth(http);
  http.decorate("routeCatalog", collectRoutes(http));
  registerErrorHandler(http, options.onError);

  http.addHook("onRequest", async (_request, reply) => {
    if (options.isDraining()) {
      void reply.header("connection", "close");
      throw new AppError("SERVICE_UNAVAILABLE", "the server is shutting down");
    }
  });
  http.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
    // Responses finishing during the drain close their keep-alive connection, so the server can end.
    if (options.isDraining()) void reply.header("connection", "close");
  });

  await http.register(cors, {
    origin: options.webOrigins,
    methods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    allowedHeaders: ["Content-Type", "Authorization", "Idempotency-Key", "X-Request-Id"],
    exposedHeaders: ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Request-Id"],
    maxAge: 600,
  });
  await http.register(rateLimit, {
    global: true,
    max: options.ipPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    // RateLimit-Limit / -Remaining / -Reset (IETF draft names) on every response, Retry-After on 429.
    enableDraftSpec: true,
    // Probes and scrapes must keep working while a client is being throttled.
    allowList: (request) => request.url === "/health" || request.url === "/ready" || request.url === "/metrics",
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `too many requests; retry in ${context.after}`),
  });
  return http;
}
