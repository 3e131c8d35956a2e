import WebSocket from "ws";
import type { Logger } from "pino";
import type { Backoff } from "./backoff";
import { rawDataToString } from "./raw-data-to-string";

export type FeedState = "idle" | "connecting" | "open" | "reconnect-wait" | "stopped";

export interface BackpackWsClientOptions {
  url: string;
  /** Streams subscribed on every (re)connect, e.g. "bookTicker.SOL_USDC". */
  streams: readonly string[];
  /** No frame for this long means the link is dead: terminate and reconnect. */
  staleLinkMs: number;
  backoff: Backoff;
  /** Time allowed for the TCP + WebSocket handshake. Default 10 s. */
  connectTimeoutMs?: number;
  logger: Logger;
  now?: () => number;
  onFrame: (text: string, receivedAt: number) => void;
  onOpen?: (info: { reconnect: boolean }) => void;
  onClose?: (info: { reason: string }) => void;
}

/**
 * Backpack WebSocket client. Protocol pings are answered by `ws` itself (autoPong, verified by a
 * test), so keepalive needs no code. Stale link detection, reconnect with backoff + full jitter,
 * resubscription after every reconnect; each state change is logged once.
 */
export class BackpackWsClient {
  private socket: WebSocket | null = null;
  private state: FeedState = "idle";
  private reconnectTimer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private connectTimer: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  private openedAt = 0;
  private framesOnLink = 0;
  private hasConnectedBefore = false;
  private reconnects = 0;
  private readonly now: () => number;

  constructor(private readonly options: BackpackWsClientOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.state !== "idle") return;
    this.connect();
  }

  getState(): FeedState {
    return this.state;
  }

  /** Time of the last frame (ms), 0 before the first one. */
  lastFrameTime(): number {
    return this.lastFrameAt;
  }

  reconnectCount(): number {
    return this.reconnects;
  }

  /** Closes the socket (code 1000) and stops reconnecting. */
  async stop(): Promise<void> {
    this.setState("stopped", "stop requested");
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1_000);
      socket.once("close", () => {
        clearTimeout(force);
        resolve();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, "client shutdown");
    });
  }

  private setState(state: FeedState, reason: string): void {
    if (this.state === state) return;
    const previous = this.state;
    this.state = state;
    const level = state === "reconnect-wait" ? "warn" : "info";
    this.options.logger[level]({ from: previous, to: state, reason, url: this.options.url }, `feed ${state}`);
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.staleTimer, this.connectTimer]) {
      if (timer) clearTimeout(timer);
    }
    this.reconnectTimer = null;
    this.staleTimer = null;
    this.connectTimer = null;
  }

  private connect(): void {
    if (this.state === "stopped") return;
    this.setState("connecting", this.hasConnectedBefore ? "reconnecting" : "starting");
    const socket = new WebSocket(this.options.url, { handshakeTimeout: this.options.connectTimeoutMs ?? 10_000 });
    this.socket = socket;
    this.framesOnLink = 0;

    socket.on("open", () => {
      if (this.socket !== socket) return;
      this.openedAt = this.now();
      const reconnect = this.hasConnectedBefore;
      this.hasConnectedBefore = true;
      socket.send(JSON.stringify({ method: "SUBSCRIBE", params: this.options.streams }));
      this.setState("open", reconnect ? "reconnected and resubscribed" : "connected and subscribed");
      this.armStaleCheck(socket);
      this.options.onOpen?.({ reconnect });
    });
    socket.on("message", (data, isBinary) => {
      if (this.socket !== socket || isBinary) return;
      const receivedAt = this.now();
      this.lastFrameAt = receivedAt;
      this.framesOnLink += 1;
      this.options.onFrame(rawDataToString(data), receivedAt);
    });
    socket.on("error", (error) => {
      // "close" follows every "error"; log the cause at debug to avoid one line per retry.
      this.options.logger.debug({ err: error.message }, "feed socket error");
    });
    socket.on("close", (code, reasonBuffer) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const reason = reasonBuffer.toString() || `code ${code}`;
      this.onLinkLost(`closed (${reason})`);
    });
  }

  /** Checks staleness on a coarse interval instead of re-arming a timer on every frame. */
  private armStaleCheck(socket: WebSocket): void {
    const period = Math.max(50, Math.floor(this.options.staleLinkMs / 4));
    const check = (): void => {
      if (this.socket !== socket) return;
      const since = Math.max(this.lastFrameAt, this.openedAt);
      if (this.now() - since >= this.options.staleLinkMs) {
        this.socket = null;
        socket.terminate();
        this.onLinkLost(`stale: no frame for ${this.options.staleLinkMs} ms`);
        return;
      }
      this.staleTimer = setTimeout(check, period);
    };
    this.staleTimer = setTimeout(check, period);
  }

  private onLinkLost(reason: string): void {
    if (this.state === "stopped") return;
    this.clearTimers();
    // A link that carried data, or stayed up a full stale period, was healthy: start the backoff
    // over so a server that returns after a long silence is found again within one base interval.
    const healthy = this.framesOnLink > 0 || (this.openedAt > 0 && this.now() - this.openedAt >= this.options.staleLinkMs);
    if (healthy) this.options.backoff.reset();
    this.openedAt = 0;
    this.options.onClose?.({ reason });
    const delay = this.options.backoff.next();
    this.reconnects += 1;
    this.setState("reconnect-wait", `${reason}; retry in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }
}
