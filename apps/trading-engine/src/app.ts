import { randomUUID } from "node:crypto";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { Server } from "socket.io";
import type { Engine } from "@repo/engine-core/engine";
import {
  ZCandlesQuery,
  ZClosePositionRequest,
  ZHistoryQuery,
  ZOpenPositionRequest,
  ZSigninRequest,
  ZSignupRequest,
} from "@repo/shared-types/api";
import type { TErrorCode } from "@repo/shared-types/errors";
import type { SqliteStore } from "./adapters/sqlite-store";
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword, type PasswordCost } from "./auth/password";
import { bearerToken, hashToken } from "./auth/tokens";
import { AppError } from "./http/app-error";
import { parseInput } from "./http/parse";
import { FixedWindowLimiter } from "./http/rate-limiter";
import { CandleService } from "./market/candle-service";
import type { MarketFeed } from "./market/market-feed";
import { Metrics } from "./metrics";
import { SocketGateway, type GatewayServer } from "./socket/socket-gateway";
import { TradingService } from "./trading/trading-service";

declare module "fastify" {
  interface FastifyRequest {
    userId: string | null;
    tokenHash: string | null;
  }
}

export interface AppConfig {
  /** Allowed browser origins (CORS, Socket.IO). */
  webOrigins: string[];
  rateLimit: { ipPerMinute: number; userPerMinute: number };
  trustProxy?: boolean;
  /** scrypt cost (tests lower it). */
  passwordCost?: PasswordCost;
  tickIntervalMs?: number;
  stateIntervalMs?: number;
}

export interface AppDeps {
  store: SqliteStore;
  engine: Engine;
  feed: MarketFeed;
  config: AppConfig;
  /** A pino logger, or nothing for silence (tests). */
  logger?: FastifyBaseLogger;
  now?: () => number;
  newId?: () => string;
  /** The database refused a write the engine made: main exits so restore can rebuild. */
  onFatal?: (error: unknown) => void;
}

export interface App {
  http: FastifyInstance;
  io: GatewayServer;
  trading: TradingService;
  candles: CandleService;
  gateway: SocketGateway;
  metrics: Metrics;
  /** Refuse new requests with 503 SERVICE_UNAVAILABLE from now on (SIGTERM). */
  startDraining(): void;
  /** Stops the feed, closes sockets and HTTP (in-flight requests finish). Does not close the store. */
  close(): Promise<void>;
}

/** A dummy scrypt hash so a sign-in for an unknown email costs as much as a wrong password. */
const DUMMY_HASH_PROMISE = hashPassword("not-a-real-password", { N: 1024, r: 8, p: 1 });

/** 4xx errors fastify raises itself (bad JSON, wrong content type, body too large...) are bad input. */
function clientErrorCode(status: number): TErrorCode {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  if (status === 503) return "SERVICE_UNAVAILABLE";
  return "INVALID_REQUEST";
}

/**
 * Composition root: fastify + Socket.IO on the same server + the market feed, wired to the engine
 * and the store. Does not listen; `main.ts` does, tests use `http.inject` or listen on port 0.
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, engine, feed, config } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const passwordCost = config.passwordCost ?? DEFAULT_PASSWORD_COST;
  const metrics = new Metrics();
  const trading = new TradingService({
    engine,
    store,
    now,
    newId,
    onFatal: deps.onFatal ?? (() => undefined),
  });
  const candles = new CandleService(store);
  const userLimiter = new FixedWindowLimiter(config.rateLimit.userPerMinute, 60_000);
  let draining = false;

  const http = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 16 * 1024,
    // Our own onRequest hook answers 503 SERVICE_UNAVAILABLE in the shared error shape while draining.
    return503OnClosing: false,
  });
  http.decorateRequest("userId", null);
  http.decorateRequest("tokenHash", null);

  const sendError = (reply: FastifyReply, error: AppError): FastifyReply => {
    metrics.rejects.inc({ code: error.code });
    return reply.status(error.statusCode).send(error.toBody());
  };

  http.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error);
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, new AppError(clientErrorCode(status), error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, new AppError("INTERNAL_ERROR", "internal error"));
  });
  http.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0] ?? ""}`)),
  );

  http.addHook("onRequest", async (_request, reply) => {
    if (draining) {
      void reply.header("connection", "close");
      throw new AppError("SERVICE_UNAVAILABLE", "the server is shutting down");
    }
  });

  // Responses finishing during the drain close their keep-alive connection, so the server can end.
  http.addHook("onSend", async (_request, reply) => {
    if (draining) void reply.header("connection", "close");
  });

  await http.register(cors, {
    origin: config.webOrigins,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["Content-Type", "Authorization"],
    maxAge: 600,
  });
  await http.register(rateLimit, {
    global: true,
    max: config.rateLimit.ipPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    // Probes and scrapes must keep working while a client is being throttled.
    allowList: (request) => request.url === "/health" || request.url === "/ready" || request.url === "/metrics",
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `too many requests; retry in ${context.after}`),
  });

  const authenticate = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) return done(new AppError("UNAUTHENTICATED", "missing or malformed bearer token"));
    const tokenHash = hashToken(token);
    let userId: string | null;
    try {
      userId = store.findSessionUser(tokenHash);
    } catch (error) {
      return done(error instanceof Error ? error : new Error(String(error)));
    }
    if (userId === null) return done(new AppError("UNAUTHENTICATED", "invalid or revoked token"));
    if (!userLimiter.hit(userId)) return done(new AppError("RATE_LIMITED", "too many requests for this user"));
    request.userId = userId;
    request.tokenHash = tokenHash;
    done();
  };
  const userOf = (request: FastifyRequest): string => {
    if (request.userId === null) throw new AppError("UNAUTHENTICATED", "not signed in");
    return request.userId;
  };

  // ---- public ----
  http.get("/", () => ({ name: "trading-engine", status: "ok" }));
  http.get("/health", () => ({ status: "ok", draining, stateHash: engine.stateHash(), feed: feed.status().detail }));
  http.get("/ready", (_request, reply) => {
    const feedStatus = feed.status();
    const stale = trading.staleSymbols();
    const reasons: string[] = [];
    if (draining) reasons.push("shutting down");
    if (!feedStatus.connected) reasons.push(`kafka not connected (${feedStatus.detail})`);
    if (stale.length > 0) reasons.push(`no fresh prices for ${stale.join(", ")}`);
    const details = { kafka: feedStatus, staleMarkets: stale };
    if (reasons.length === 0) return { status: "ready", ...details };
    return reply.status(503).send({ error: { code: "SERVICE_UNAVAILABLE", message: reasons.join("; ") }, ...details });
  });
  http.get("/metrics", async (_request, reply) => {
    const text = await metrics.render({ consumerLag: feed.status().lag, sockets: gateway.connectedCount() });
    return reply.type(metrics.registry.contentType).send(text);
  });
  http.get("/api/v1/markets", () => trading.markets());
  http.get("/api/v1/candles", (request) => {
    const query = parseInput(ZCandlesQuery, request.query);
    return candles.query(query.symbol, query.interval, query.limit);
  });

  // ---- accounts ----
  http.post("/api/v1/auth/signup", async (request, reply) => {
    const body = parseInput(ZSignupRequest, request.body);
    if (store.findUserByEmail(body.email) !== null) throw new AppError("EMAIL_TAKEN", "an account with this email exists");
    const passwordHash = await hashPassword(body.password, passwordCost);
    // signup re-checks the email synchronously, so two racing sign-ups cannot both win.
    return reply.status(201).send(trading.signup(body.email, passwordHash));
  });
  http.post("/api/v1/auth/signin", async (request) => {
    const body = parseInput(ZSigninRequest, request.body);
    const user = store.findUserByEmail(body.email);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (user === null || !ok) throw new AppError("UNAUTHENTICATED", "wrong email or password");
    return { token: trading.createSession(user.id), user: { id: user.id, email: user.email } };
  });
  http.get("/api/v1/auth/me", { preHandler: authenticate }, (request) => {
    const user = store.findUserById(userOf(request));
    if (user === null) throw new AppError("UNAUTHENTICATED", "user no longer exists");
    return { id: user.id, email: user.email };
  });
  http.post("/api/v1/auth/signout", { preHandler: authenticate }, (request) => {
    if (request.tokenHash !== null) {
      store.revokeSession(request.tokenHash, now());
      gateway.revokeToken(request.tokenHash);
    }
    return { message: "Signed out" };
  });

  // ---- trading ----
  http.get("/api/v1/state", { preHandler: authenticate }, (request) => trading.state(userOf(request)));
  http.post("/api/v1/positions/open", { preHandler: authenticate }, (request, reply) => {
    const body = parseInput(ZOpenPositionRequest, request.body);
    const { position } = trading.openPosition(userOf(request), body);
    metrics.orders.inc({ action: "open" });
    return reply.status(201).send(position);
  });
  http.post("/api/v1/positions/close", { preHandler: authenticate }, (request) => {
    const body = parseInput(ZClosePositionRequest, request.body);
    const result = trading.closePosition(userOf(request), body);
    metrics.orders.inc({ action: "close" });
    return result;
  });
  http.get("/api/v1/positions/history", { preHandler: authenticate }, (request) => {
    const query = parseInput(ZHistoryQuery, request.query);
    return trading.history(userOf(request), query.limit);
  });

  // ---- Socket.IO on the same HTTP server (fastify-socket.io does not support fastify 5) ----
  const io: GatewayServer = new Server(http.server, {
    cors: { origin: config.webOrigins, credentials: false },
    maxHttpBufferSize: 16 * 1024,
    serveClient: false,
  });
  const gateway = new SocketGateway({
    io,
    trading,
    tickIntervalMs: config.tickIntervalMs,
    stateIntervalMs: config.stateIntervalMs,
    authenticate: (token) => {
      const tokenHash = hashToken(token);
      const userId = store.findSessionUser(tokenHash);
      return userId === null ? null : { userId, tokenHash };
    },
  });

  trading.onEvent((event) => {
    if (event.type === "positionClosed") {
      metrics.closes.inc({ reason: event.position.closeReason });
      if (event.position.closeReason === "liquidation") metrics.liquidations.inc();
    } else if (event.type === "quote") {
      metrics.ticks.inc();
      metrics.tickLag.observe(Math.max(0, event.quote.receivedAt - event.quote.timestamp));
    }
  });

  feed.start({
    onMarketUpdate: (update) => {
      trading.applyMarketUpdate(update);
    },
    onCandle: (candle) => candles.add(candle),
  });

  let closing: Promise<void> | null = null;
  return {
    http,
    io,
    trading,
    candles,
    gateway,
    metrics,
    startDraining: () => {
      draining = true;
    },
    close: () => {
      closing ??= (async () => {
        draining = true;
        // Sockets first: upgraded connections would otherwise hold the HTTP server open.
        gateway.close();
        // Stops accepting; requests already running finish (new ones on open connections get 503).
        const backstop = setTimeout(() => http.server.closeAllConnections(), 5_000);
        backstop.unref();
        await http.close();
        clearTimeout(backstop);
        await Promise.race([feed.stop(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
        candles.flush();
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
        });
        metrics.close();
      })();
      return closing;
    },
  };
}
