import { performance } from "node:perf_hooks";
import type { Server, Socket } from "socket.io";
import { MARKETS } from "@repo/shared-types/market";
import {
  ZMarketSubscription,
  ZSocketAuth,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TSocketResponse,
} from "@repo/shared-types/socket";
import type { FixedWindowLimiter } from "../http/rate-limiter";
import type { AuthService } from "../auth/auth-service";
import type { TradingEvent, TradingService } from "../trading/trading-service";

/** What the gateway remembers per socket. */
export interface SocketData {
  userId: string | null;
  tokenHash: string | null;
}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketGatewayOptions {
  io: GatewayServer;
  trading: TradingService;
  /** Resolves handshake tokens to sessions, and says when one is revoked (its sockets are dropped). */
  auth: Pick<AuthService, "session" | "onSessionRevoked">;
  /** Handshakes per client IP (a flood of connects costs a session lookup each). */
  handshakeLimiter?: FixedWindowLimiter;
  /** Minimum spacing of `market:tick` per symbol (100 ms = at most 10 per second). */
  tickIntervalMs?: number;
  /** Minimum spacing of PnL-driven `account:state` per user (250 ms = at most 4 Hz). */
  stateIntervalMs?: number;
}

interface TickState {
  lastSentAt: number;
  lastSentTimestamp: number;
  timer: NodeJS.Timeout | null;
}

interface UserState {
  sockets: number;
  lastStateAt: number;
  timer: NodeJS.Timeout | null;
}

const KNOWN_SYMBOLS = new Set<string>(MARKETS.map((m) => m.symbol));
const marketRoom = (symbol: string): string => `market:${symbol}`;
const userRoom = (userId: string): string => `user:${userId}`;

function reply<T>(ack: unknown, response: TSocketResponse<T>): void {
  if (typeof ack === "function") (ack as (r: TSocketResponse<T>) => void)(response);
}

/**
 * Socket.IO side of the engine (architecture.md §6): rooms per symbol with coalesced ticks that
 * never go backwards, and per-user rooms for `account:state`, `position:closed` and `order:updated`.
 */
export class SocketGateway {
  private readonly io: GatewayServer;
  private readonly trading: TradingService;
  private readonly tickIntervalMs: number;
  private readonly stateIntervalMs: number;
  private readonly ticks = new Map<string, TickState>();
  private readonly users = new Map<string, UserState>();
  private readonly changed = new Set<string>();
  private flushScheduled = false;
  private closed = false;

  constructor(options: SocketGatewayOptions) {
    this.io = options.io;
    this.trading = options.trading;
    this.tickIntervalMs = options.tickIntervalMs ?? 100;
    this.stateIntervalMs = options.stateIntervalMs ?? 250;

    this.io.use((socket, next) => {
      socket.data.userId = null;
      socket.data.tokenHash = null;
      if (options.handshakeLimiter?.hit(socket.handshake.address) === false) {
        next(Object.assign(new Error("too many connection attempts"), { data: { code: "RATE_LIMITED" } }));
        return;
      }
      const auth = ZSocketAuth.safeParse(socket.handshake.auth);
      const token = auth.success ? auth.data?.token : undefined;
      if (!auth.success) {
        next(Object.assign(new Error("invalid auth payload"), { data: { code: "UNAUTHENTICATED" } }));
        return;
      }
      if (token === undefined) {
        next();
        return;
      }
      const session = options.auth.session(token);
      if (session === null) {
        // Refusing the handshake tells the client its token is bad (connect_error) instead of
        // silently downgrading it to market data only.
        next(Object.assign(new Error("invalid or revoked token"), { data: { code: "UNAUTHENTICATED" } }));
        return;
      }
      socket.data.userId = session.userId;
      socket.data.tokenHash = session.tokenHash;
      next();
    });
    this.io.on("connection", (socket) => this.onConnection(socket));
    this.trading.onEvent((event) => this.onTradingEvent(event));
    options.auth.onSessionRevoked((tokenHash) => this.revokeToken(tokenHash));
  }

  private onConnection(socket: GatewaySocket): void {
    const { userId } = socket.data;
    if (userId !== null) {
      void socket.join(userRoom(userId));
      const user = this.users.get(userId) ?? { sockets: 0, lastStateAt: 0, timer: null };
      user.sockets += 1;
      this.users.set(userId, user);
      const state = this.trading.state(userId);
      if (state !== null) socket.emit("account:state", state);
      socket.on("disconnect", () => {
        user.sockets -= 1;
        if (user.sockets <= 0) {
          if (user.timer !== null) clearTimeout(user.timer);
          this.users.delete(userId);
        }
      });
    }
    socket.on("market:subscribe", (payload, ack) => this.onSubscribe(socket, payload, ack, true));
    socket.on("market:unsubscribe", (payload, ack) => this.onSubscribe(socket, payload, ack, false));
  }

  private onSubscribe(socket: GatewaySocket, payload: unknown, ack: unknown, join: boolean): void {
    const parsed = ZMarketSubscription.safeParse(payload);
    if (!parsed.success) {
      reply(ack, { error: { code: "INVALID_REQUEST", message: parsed.error.issues[0]?.message ?? "invalid payload" } });
      return;
    }
    const unknown = parsed.data.symbols.filter((s) => !KNOWN_SYMBOLS.has(s));
    if (unknown.length > 0) {
      reply(ack, { error: { code: "INVALID_REQUEST", message: `unknown market(s): ${unknown.join(", ")}` } });
      return;
    }
    const rooms = parsed.data.symbols.map(marketRoom);
    if (join) void socket.join(rooms);
    else for (const room of rooms) void socket.leave(room);
    reply(ack, { data: { symbols: parsed.data.symbols } });
  }

  private onTradingEvent(event: TradingEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case "quote":
        this.scheduleTick(event.quote.symbol);
        this.markPnlDirty(event.quote.symbol);
        return;
      case "positionClosed":
        this.io.to(userRoom(event.accountId)).emit("position:closed", { position: event.position });
        this.markChanged(event.accountId);
        return;
      case "orderUpdated":
        this.io.to(userRoom(event.accountId)).emit("order:updated", { order: event.order });
        this.markChanged(event.accountId);
        return;
      default:
        this.markChanged(event.accountId);
    }
  }

  private scheduleTick(symbol: string): void {
    let state = this.ticks.get(symbol);
    if (state === undefined) {
      state = { lastSentAt: Number.NEGATIVE_INFINITY, lastSentTimestamp: 0, timer: null };
      this.ticks.set(symbol, state);
    }
    if (state.timer !== null) return; // the pending send will carry the newest quote
    const wait = state.lastSentAt + this.tickIntervalMs - performance.now();
    if (wait <= 0) this.sendTick(symbol, state);
    else {
      const pending = state;
      state.timer = setTimeout(() => {
        pending.timer = null;
        this.sendTick(symbol, pending);
      }, wait);
    }
  }

  private sendTick(symbol: string, state: TickState): void {
    const tick = this.trading.quote(symbol);
    if (tick === null || tick.timestamp < state.lastSentTimestamp) return;
    state.lastSentAt = performance.now();
    state.lastSentTimestamp = tick.timestamp;
    this.io.to(marketRoom(symbol)).emit("market:tick", tick);
  }

  /** A ledger change: send now (after the current command's events are all in). */
  private markChanged(userId: string): void {
    if (!this.users.has(userId)) return;
    this.changed.add(userId);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      for (const id of this.changed) this.sendState(id);
      this.changed.clear();
    });
  }

  /** A price moved: users holding that market get a throttled state (≤ 4 Hz). */
  private markPnlDirty(symbol: string): void {
    for (const [userId, user] of this.users) {
      if (user.timer !== null) continue;
      if (!this.trading.holdsMarket(userId, symbol)) continue;
      const wait = user.lastStateAt + this.stateIntervalMs - performance.now();
      if (wait <= 0) this.sendState(userId);
      else {
        user.timer = setTimeout(() => {
          user.timer = null;
          this.sendState(userId);
        }, wait);
      }
    }
  }

  private sendState(userId: string): void {
    const user = this.users.get(userId);
    if (user === undefined || this.closed) return;
    if (user.timer !== null) {
      clearTimeout(user.timer);
      user.timer = null;
    }
    const state = this.trading.state(userId);
    if (state === null) return;
    user.lastStateAt = performance.now();
    this.io.to(userRoom(userId)).emit("account:state", state);
  }

  /** Disconnects sockets that authenticated with a token that was just revoked. */
  revokeToken(tokenHash: string): void {
    for (const socket of this.io.of("/").sockets.values()) {
      if (socket.data.tokenHash === tokenHash) socket.disconnect(true);
    }
  }

  connectedCount(): number {
    return this.io.engine.clientsCount;
  }

  /** Stops timers and disconnects every client (shutdown). */
  close(): void {
    this.closed = true;
    for (const state of this.ticks.values()) if (state.timer !== null) clearTimeout(state.timer);
    for (const user of this.users.values()) if (user.timer !== null) clearTimeout(user.timer);
    this.io.disconnectSockets(true);
  }
}
