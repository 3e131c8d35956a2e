import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@repo/shared-types/socket";

/** A Socket.IO connection typed by the engine's event contract (`@repo/shared-types/socket`). */
export type TradingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TradingSocketOptions {
  /** A session token or an API key (any scope): the socket then also gets `account:state` and `position:closed`. */
  token?: string | null;
  /** Passed to socket.io-client (e.g. `transports`, `reconnection`). */
  socket?: Parameters<typeof io>[1];
}

/** Connects to the engine's Socket.IO gateway; subscribe to ticks with `socket.emitWithAck("market:subscribe", { symbols })`. */
export function connectTradingSocket(baseUrl: string, options: TradingSocketOptions = {}): TradingSocket {
  return io(baseUrl, { ...options.socket, auth: options.token ? { token: options.token } : {} });
}
