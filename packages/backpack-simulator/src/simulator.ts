import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { SIM_MARKETS, type SimMarketSpec } from "./markets";
import { depthBody, klinesResponse, marketBody, tickerBody } from "./rest-api";
import { seededRandom } from "./seeded-random";
import { MicroClock, SimMarket, type OutFrame } from "./sim-market";
import { parseDecimal } from "@repo/shared-types/decimal";
import { INVALID_STREAM_FRAME } from "./wire-frames";

export interface SimulatorOptions {
  /** Same seed → same history and walk (given the same clock). Default 42. */
  seed?: number;
  now?: () => number;
  /** Scheduler period. Default 100 ms. */
  tickMs?: number;
  /** Minutes of 1m history generated at start. Default 2 days. */
  historyMinutes?: number;
  markets?: readonly SimMarketSpec[];
}

export interface PathRequest {
  /** Target price (decimal string); or `pct`: relative move, e.g. -60 for a 60 % crash. */
  to?: string;
  pct?: number;
  durationMs: number;
  /** Keep the final quote instead of resuming the random walk. Default true. */
  hold?: boolean;
}

export interface SimulatorState {
  markets: Record<string, { bid: string; ask: string; last: string; held: boolean; pathActive: boolean }>;
  connections: number;
  silent: boolean;
  refusingConnections: boolean;
}

/** Thrown by control calls with bad input (the HTTP API answers 400). */
export class SimulatorControlError extends Error {
  override readonly name = "SimulatorControlError";
}

export interface BackpackSimulator {
  /** Starts serving WS + REST + control on one port (0 = random). */
  listen(port?: number, host?: string): Promise<{ port: number; wsUrl: string; restUrl: string }>;
  close(): Promise<void>;
  /** Sets a market's quote exactly (held until `resume` unless hold=false); emits it at once. */
  setQuote(symbol: string, bid: string, ask: string, options?: { last?: string; hold?: boolean }): void;
  /** Plays a linear move of the mid (e.g. a 60 % crash over 2 s); resolves when it ends. */
  playPath(symbol: string, request: PathRequest): Promise<void>;
  /** Lets the random walk continue (one market or all). */
  resume(symbol?: string): void;
  /** Stops sending frames while keeping sockets open: true/false, or a duration in ms. */
  silence(value: boolean | number): void;
  /** Terminates every WebSocket; optionally refuses new ones for `refuseMs`. Returns how many dropped. */
  drop(options?: { refuseMs?: number }): number;
  state(): SimulatorState;
  connectionCount(): number;
}

interface Client {
  socket: WebSocket;
  streams: Set<string>;
}

const STREAM = /^(bookTicker|ticker|trade|kline\.1m)\.([A-Z0-9._]+)$/;
const MAX_BUFFERED = 4 * 1024 * 1024;

/** A Backpack-compatible market-data server (WS streams + public REST) with a control API for tests. */
export function createSimulator(options: SimulatorOptions = {}): BackpackSimulator {
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 42);
  const micros = new MicroClock(random);
  const tickMs = options.tickMs ?? 100;
  const markets = new Map<string, SimMarket>();
  for (const spec of options.markets ?? SIM_MARKETS) {
    markets.set(spec.symbol, new SimMarket(spec, random, micros, now(), options.historyMinutes ?? 2 * 1_440));
  }
  const clients = new Set<Client>();
  let silentUntil = 0;
  let refuseUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  let lastTick = now();
  let lastSecond = Math.floor(lastTick / 1000);
  let server: Server | null = null;
  const wss = new WebSocketServer({ noServer: true });

  function isSilent(): boolean {
    return now() < silentUntil;
  }

  function broadcast(frames: OutFrame[]): void {
    if (frames.length === 0 || isSilent()) return;
    for (const client of clients) {
      if (client.socket.readyState !== WebSocket.OPEN || client.socket.bufferedAmount > MAX_BUFFERED) continue;
      for (const frame of frames) if (client.streams.has(frame.stream)) client.socket.send(frame.text);
    }
  }

  function tick(): void {
    const t = now();
    const dt = Math.max(1, t - lastTick);
    lastTick = t;
    const frames: OutFrame[] = [];
    for (const market of markets.values()) frames.push(...market.step(t, dt));
    const second = Math.floor(t / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      for (const market of markets.values()) {
        frames.push(market.tickerFrame(t));
        const kline = market.klineUpdate(t);
        if (kline) frames.push(kline);
      }
    }
    broadcast(frames);
  }

  function marketOf(symbol: string): SimMarket {
    const market = markets.get(symbol);
    if (!market) throw new SimulatorControlError(`unknown symbol "${symbol}"`);
    return market;
  }

  function ticksOf(market: SimMarket, text: string, what: string): number {
    const units = parseDecimal(text, market.spec.priceDecimals, { leadingZeros: true, excess: "exact" });
    const ticks = units === null ? 0 : Number(units);
    if (!Number.isSafeInteger(ticks) || ticks <= 0) {
      throw new SimulatorControlError(`${what} must be a positive price with at most ${market.spec.priceDecimals} decimals, got "${text}"`);
    }
    return ticks;
  }

  function onConnection(socket: WebSocket): void {
    const client: Client = { socket, streams: new Set() };
    clients.add(client);
    socket.on("close", () => clients.delete(client));
    socket.on("error", () => clients.delete(client));
    socket.on("message", (data, isBinary) => {
      // ws's default binaryType delivers a text frame as one Buffer; anything else is not a command.
      if (isBinary || !Buffer.isBuffer(data)) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString("utf8"));
      } catch {
        return; // Backpack's reaction to non-JSON is undocumented; ignore it.
      }
      if (typeof message !== "object" || message === null) return;
      const { method, params } = message as { method?: unknown; params?: unknown };
      if ((method !== "SUBSCRIBE" && method !== "UNSUBSCRIBE") || !Array.isArray(params)) return;
      let invalid = false;
      for (const param of params as unknown[]) {
        const match = typeof param === "string" ? STREAM.exec(param) : null;
        if (!match || !markets.has(match[2] ?? "")) {
          invalid = true;
          continue;
        }
        if (method === "SUBSCRIBE") client.streams.add(param as string);
        else client.streams.delete(param as string);
      }
      // Success is silent, like Backpack; an unknown stream gets the 4006 error frame.
      if (invalid) socket.send(INVALID_STREAM_FRAME);
    });
  }

  function onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (now() < refuseUntil) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  }

  const api: BackpackSimulator = {
    async listen(port = 0, host = "127.0.0.1") {
      if (server) throw new Error("simulator already listening");
      const http = createServer((req, res) => void handleHttp(req, res));
      http.on("upgrade", onUpgrade);
      server = http;
      await new Promise<void>((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          resolve();
        });
      });
      lastTick = now();
      timer = setInterval(tick, tickMs);
      const actual = (http.address() as AddressInfo).port;
      const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
      return { port: actual, wsUrl: `ws://${shownHost}:${actual}/`, restUrl: `http://${shownHost}:${actual}` };
    },

    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      for (const client of clients) client.socket.terminate();
      clients.clear();
      wss.close();
      const http = server;
      server = null;
      if (!http) return;
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },

    setQuote(symbol, bid, ask, quoteOptions = {}) {
      const market = marketOf(symbol);
      const bidTicks = ticksOf(market, bid, "bid");
      const askTicks = ticksOf(market, ask, "ask");
      if (bidTicks > askTicks) throw new SimulatorControlError("bid must be ≤ ask");
      const last = quoteOptions.last === undefined ? undefined : ticksOf(market, quoteOptions.last, "last");
      broadcast(market.setQuote(now(), bidTicks, askTicks, { last, hold: quoteOptions.hold }));
    },

    playPath(symbol, request) {
      const market = marketOf(symbol);
      if (!Number.isFinite(request.durationMs) || request.durationMs < 0) throw new SimulatorControlError("durationMs must be ≥ 0");
      const { bid, ask } = market.quoteTicks();
      const mid = (bid + ask) / 2;
      let target: number;
      if (request.to !== undefined) target = ticksOf(market, request.to, "to");
      else if (request.pct !== undefined && Number.isFinite(request.pct) && request.pct > -100) target = mid * (1 + request.pct / 100);
      else throw new SimulatorControlError("give `to` (a price) or `pct` (> -100)");
      return market.playPath(now(), Math.max(1, target), request.durationMs, request.hold ?? true);
    },

    resume(symbol) {
      if (symbol !== undefined) marketOf(symbol).resume();
      else for (const market of markets.values()) market.resume();
    },

    silence(value) {
      if (value === true) silentUntil = Number.POSITIVE_INFINITY;
      else if (value === false) silentUntil = 0;
      else if (Number.isFinite(value) && value >= 0) silentUntil = now() + value;
      else throw new SimulatorControlError("silence takes true, false or a duration in ms");
    },

    drop(dropOptions = {}) {
      const count = clients.size;
      if (dropOptions.refuseMs !== undefined) refuseUntil = now() + Math.max(0, dropOptions.refuseMs);
      for (const client of clients) client.socket.terminate();
      clients.clear();
      return count;
    },

    state() {
      const marketsState: SimulatorState["markets"] = {};
      for (const [symbol, market] of markets) marketsState[symbol] = market.snapshot();
      return { markets: marketsState, connections: clients.size, silent: isSilent(), refusingConnections: now() < refuseUntil };
    },

    connectionCount() {
      return clients.size;
    },
  };

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text = "";
    for await (const chunk of req) {
      text += (chunk as Buffer).toString("utf8");
      if (text.length > 65_536) throw new SimulatorControlError("body too large");
    }
    if (text.trim() === "") return {};
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SimulatorControlError("body is not JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SimulatorControlError("body must be a JSON object");
    return body as Record<string, unknown>;
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

  async function handleControl(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === "/_control/state" && req.method === "GET") return send(res, 200, api.state());
    if (req.method !== "POST") return send(res, 405, { error: "control endpoints take POST (GET /_control/state)" });
    const body = await readJson(req);
    switch (path) {
      case "/_control/quote":
        api.setQuote(str(body.symbol) ?? "", str(body.bid) ?? "", str(body.ask) ?? "", {
          last: str(body.last),
          hold: typeof body.hold === "boolean" ? body.hold : undefined,
        });
        return send(res, 200, { ok: true, state: api.state().markets[str(body.symbol) ?? ""] });
      case "/_control/path": {
        const durationMs = num(body.durationMs) ?? -1;
        const done = api.playPath(str(body.symbol) ?? "", {
          to: str(body.to) ?? str(body.toPrice),
          pct: num(body.pct),
          durationMs,
          hold: typeof body.hold === "boolean" ? body.hold : undefined,
        });
        if (body.wait === true) await done;
        return send(res, 200, { ok: true, endsAt: now() + (body.wait === true ? 0 : durationMs) });
      }
      case "/_control/silence": {
        const value = typeof body.on === "boolean" ? body.on : num(body.ms);
        if (value === undefined) throw new SimulatorControlError('give {"on": true|false} or {"ms": n}');
        api.silence(value);
        return send(res, 200, { ok: true, silent: isSilent() });
      }
      case "/_control/drop":
        return send(res, 200, { ok: true, dropped: api.drop({ refuseMs: num(body.refuseMs) }) });
      case "/_control/resume":
        api.resume(str(body.symbol));
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, { error: `no control endpoint ${path}` });
    }
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    try {
      if (path.startsWith("/_control/")) return await handleControl(path, req, res);
      if (req.method !== "GET") return send(res, 405, { code: "INVALID_CLIENT_REQUEST", message: "GET only" });
      const t = now();
      const symbol = url.searchParams.get("symbol") ?? "";
      switch (path) {
        case "/api/v1/klines": {
          const result = klinesResponse(markets.get(symbol), url.searchParams, t);
          return send(res, result.status, result.body);
        }
        case "/api/v1/ticker": {
          const market = markets.get(symbol);
          return market ? send(res, 200, tickerBody(market, t)) : send(res, 400, { code: "INVALID_SYMBOL", message: "Invalid symbol" });
        }
        case "/api/v1/tickers":
          return send(res, 200, [...markets.values()].map((m) => tickerBody(m, t)));
        case "/api/v1/markets":
          return send(res, 200, [...markets.values()].map(marketBody));
        case "/api/v1/market": {
          const market = markets.get(symbol);
          return market ? send(res, 200, marketBody(market)) : send(res, 400, { code: "INVALID_SYMBOL", message: "Invalid symbol" });
        }
        case "/api/v1/depth": {
          const market = markets.get(symbol);
          return market ? send(res, 200, depthBody(market, t)) : send(res, 400, { code: "INVALID_SYMBOL", message: "Invalid symbol" });
        }
        case "/api/v1/time":
          res.writeHead(200, { "content-type": "text/plain" });
          return void res.end(String(t));
        case "/api/v1/ping":
          res.writeHead(200, { "content-type": "text/plain" });
          return void res.end("pong");
        case "/api/v1/status":
          return send(res, 200, { status: "Ok", message: null });
        default:
          return send(res, 404, { code: "NOT_FOUND", message: `no route ${path}` });
      }
    } catch (error) {
      if (error instanceof SimulatorControlError) return send(res, 400, { error: error.message });
      return send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  return api;
}
