import { createServer, type Server, type ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export interface Readiness {
  ready: boolean;
  reasons: string[];
  details: Record<string, unknown>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

/** `/health` (process up), `/ready` (200 only when the feed is usable end to end), `/metrics`. */
export function createHealthServer(deps: { readiness: () => Readiness; registry: Registry }): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      json(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "GET only" } });
      return;
    }
    if (path === "/health") {
      json(res, 200, { status: "ok" });
    } else if (path === "/ready") {
      const readiness = deps.readiness();
      json(res, readiness.ready ? 200 : 503, readiness);
    } else if (path === "/metrics") {
      deps.registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": deps.registry.contentType });
          res.end(text);
        },
        (error: unknown) => json(res, 500, { error: { code: "INTERNAL_ERROR", message: String(error) } }),
      );
    } else {
      json(res, 404, { error: { code: "NOT_FOUND", message: `no route ${path ?? ""}` } });
    }
  });
}
