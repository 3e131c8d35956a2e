import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { GatewayServer } from "./socket-gateway";

/** Socket.IO on fastify's HTTP server (fastify-socket.io does not support fastify 5). */
export function createSocketServer(httpServer: HttpServer, webOrigins: string[]): GatewayServer {
  return new Server(httpServer, {
    cors: { origin: webOrigins, credentials: false },
    maxHttpBufferSize: 16 * 1024,
    serveClient: false,
  });
}
