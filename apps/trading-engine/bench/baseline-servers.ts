import { createServer } from "node:http";
import Fastify from "fastify";
import { Server } from "socket.io";

/**
 * Baselines measured in the same run as the engine: a fastify hello-world and a bare Socket.IO
 * server broadcasting a timestamp to every client on request. Prints its ports as one JSON line.
 */
async function main(): Promise<void> {
  const hello = Fastify({ logger: false });
  hello.get("/", () => ({ hello: "world" }));
  await hello.listen({ port: 0, host: "127.0.0.1" });
  const helloAddress = hello.server.address();

  const httpServer = createServer((req, res) => {
    if (req.url === "/broadcast") {
      io.emit("market:tick", { symbol: "SOL_USDC", price: 150.5, bid: 150.49, ask: 150.51, timestamp: Date.now() });
    }
    res.end("ok");
  });
  const io = new Server(httpServer, { serveClient: false });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const ioAddress = httpServer.address();
  const port = (a: typeof ioAddress): number => (typeof a === "object" && a !== null ? a.port : 0);
  console.log(JSON.stringify({ helloPort: port(helloAddress), ioPort: port(ioAddress) }));
  process.on("SIGTERM", () => process.exit(0));
}

void main();
