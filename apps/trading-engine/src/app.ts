import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Engine } from "@repo/engine-core/engine";
import { ApiKeyService } from "./auth/api-key-service";
import { AuthService } from "./auth/auth-service";
import { credentialResolver } from "./auth/credentials";
import type { PasswordCost } from "./auth/password";
import { createAuthenticate } from "./http/authenticate";
import { createHttpServer } from "./http/create-http-server";
import { FixedWindowLimiter } from "./http/rate-limiter";
import { apiDocsRoutes } from "./http/routes/api-docs";
import { apiKeyRoutes } from "./http/routes/api-keys";
import { authRoutes } from "./http/routes/auth";
import { marketRoutes } from "./http/routes/market";
import { orderRoutes } from "./http/routes/orders";
import { publicRoutes } from "./http/routes/public";
import { tradingRoutes } from "./http/routes/trading";
import { CandleService } from "./market/candle-service";
import type { MarketFeed } from "./market/market-feed";
import { Metrics } from "./metrics";
import type { ApiKeyStore, CandleStore, ClientOrderStore, LedgerStore, UserStore } from "./ports";
import type { TrustProxy } from "./env";
import { createSocketServer } from "./socket/create-socket-server";
import { SocketGateway, type GatewayServer } from "./socket/socket-gateway";
import { TradingService } from "./trading/trading-service";

export interface AppConfig {
  /** Allowed browser origins (CORS, Socket.IO). */
  webOrigins: string[];
  rateLimit: { ipPerMinute: number; userPerMinute: number };
  /** A hop count or the proxies' IPs/CIDRs (env TRUST_PROXY); false: use the socket address. */
  trustProxy?: TrustProxy;
  /** scrypt cost (tests lower it). */
  passwordCost?: PasswordCost;
  /** SESSION_TTL_HOURS in ms. Default 168 h. */
  sessionTtlMs?: number;
  /** Failed sign-ins per email per 15 minutes (SIGNIN_FAILURES_PER_EMAIL). Default 10. */
  signinFailuresPerEmail?: number;
  /** Socket.IO handshakes per IP per minute (SOCKET_HANDSHAKES_PER_IP_PER_MIN). Default 120. */
  socketHandshakesPerIpPerMinute?: number;
  tickIntervalMs?: number;
  stateIntervalMs?: number;
  /** How often the expiry clock command runs (ms). Default 1000. */
  orderClockMs?: number;
}

export interface AppDeps {
  stores: { ledger: LedgerStore; users: UserStore; candles: CandleStore; apiKeys: ApiKeyStore; clientOrders?: ClientOrderStore };
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
  auth: AuthService;
  apiKeys: ApiKeyService;
  candles: CandleService;
  gateway: SocketGateway;
  metrics: Metrics;
  /** Refuse new requests with 503 SERVICE_UNAVAILABLE from now on (SIGTERM). */
  startDraining(): void;
  /** Stops the feed, closes sockets and HTTP (in-flight requests finish). Does not close the store. */
  close(): Promise<void>;
}

/**
 * Composition root: fastify + Socket.IO on the same server + the market feed, wired to the engine
 * and the stores. Does not listen; `main.ts` does, tests use `http.inject` or listen on port 0.
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { stores, engine, feed, config } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const metrics = new Metrics();
  const trading = new TradingService({
    engine,
    ledger: stores.ledger,
    clientOrders: stores.clientOrders,
    now,
    newId,
    onFatal: deps.onFatal ?? (() => undefined),
  });
  const auth = new AuthService({
    users: stores.users,
    trading,
    now,
    newId,
    passwordCost: config.passwordCost,
    sessionTtlMs: config.sessionTtlMs,
    signinFailuresPerEmail: config.signinFailuresPerEmail,
  });
  const apiKeys = new ApiKeyService({ store: stores.apiKeys, now, newId });
  const credentials = credentialResolver(auth, apiKeys);
  const candles = new CandleService(stores.candles);
  let draining = false;
  const isDraining = (): boolean => draining;

  const http = await createHttpServer({
    webOrigins: config.webOrigins,
    ipPerMinute: config.rateLimit.ipPerMinute,
    trustProxy: config.trustProxy ?? false,
    logger: deps.logger,
    isDraining,
    onError: (code) => metrics.rejects.inc({ code }),
  });
  const io = createSocketServer(http.server, config.webOrigins);
  const gateway = new SocketGateway({
    io,
    trading,
    auth: credentials,
    handshakeLimiter: new FixedWindowLimiter(config.socketHandshakesPerIpPerMinute ?? 120, 60_000, now),
    tickIntervalMs: config.tickIntervalMs,
    stateIntervalMs: config.stateIntervalMs,
  });
  const authenticate = createAuthenticate({
    session: (token) => credentials.session(token),
    userLimiter: new FixedWindowLimiter(config.rateLimit.userPerMinute, 60_000),
  });
  await http.register(apiDocsRoutes);
  await http.register(publicRoutes, { trading, feed, metrics, isDraining, socketCount: () => gateway.connectedCount() });
  await http.register(marketRoutes, { trading, candles });
  await http.register(authRoutes, { auth, authenticate });
  await http.register(apiKeyRoutes, { apiKeys, authenticate });
  await http.register(tradingRoutes, { trading, authenticate, metrics });
  await http.register(orderRoutes, { trading, authenticate, metrics });

  trading.onEvent((event) => metrics.recordTradingEvent(event));
  // A lagging feed can make every quote stale: one line per symbol and reason per 10 s, with a count.
  const refusedLog = new Map<string, { at: number; suppressed: number }>();
  trading.onQuoteRefused((refused) => {
    metrics.quotesRefused.inc({ reason: refused.reason });
    const key = `${refused.symbol}:${refused.reason}`;
    const last = refusedLog.get(key);
    const at = now();
    if (last !== undefined && at - last.at < 10_000) {
      last.suppressed += 1;
      return;
    }
    deps.logger?.warn({ ...refused, suppressedSinceLast: last?.suppressed ?? 0 }, "market update refused");
    refusedLog.set(key, { at, suppressed: 0 });
  });
  feed.start({
    onMarketUpdate: (update) => {
      trading.applyMarketUpdate(update);
    },
    onCandle: (candle) => candles.add(candle),
  });

  // Orders expire on ticks too, but a quiet market must not keep an expired order alive.
  const orderClock = setInterval(() => trading.expireOrders(), config.orderClockMs ?? 1_000);
  orderClock.unref();

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    draining = true;
    clearInterval(orderClock);
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
  };
  return {
    http,
    io,
    trading,
    auth,
    apiKeys,
    candles,
    gateway,
    metrics,
    startDraining: () => {
      draining = true;
    },
    close: () => (closing ??= close()),
  };
}
