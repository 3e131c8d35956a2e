import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { TErrorCode } from "@repo/shared-types/errors";
import type { TrustProxy } from "../env";
import { AppError } from "./app-error";
import { decorateAuth } from "./authenticate";
import { registerErrorHandler } from "./error-handler";

export interface HttpServerOptions {
  webOrigins: string[];
  ipPerMinute: number;
  trustProxy: TrustProxy;
  logger?: FastifyBaseLogger;
  isDraining: () => boolean;
  /** Every error code answered (the rejects metric). */
  onError: (code: TErrorCode) => void;
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
  });
  decorateAuth(http);
  registerErrorHandler(http, options.onError);

  http.addHook("onRequest", async (_request, reply) => {
    if (options.isDraining()) {
      void reply.header("connection", "close");
      throw new AppError("SERVICE_UNAVAILABLE", "the server is shutting down");
    }
  });
  // Responses finishing during the drain close their keep-alive connection, so the server can end.
  http.addHook("onSend", async (_request, reply) => {
    if (options.isDraining()) void reply.header("connection", "close");
  });

  await http.register(cors, {
    origin: options.webOrigins,
    methods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    allowedHeaders: ["Content-Type", "Authorization", "Idempotency-Key"],
    maxAge: 600,
  });
  await http.register(rateLimit, {
    global: true,
    max: options.ipPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    // Probes and scrapes must keep working while a client is being throttled.
    allowList: (request) => request.url === "/health" || request.url === "/ready" || request.url === "/metrics",
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `too many requests; retry in ${context.after}`),
  });
  return http;
}
