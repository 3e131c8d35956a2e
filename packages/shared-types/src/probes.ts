import { z } from "zod";

/** `GET /`. */
export const ZServiceInfo = z.object({ name: z.literal("trading-engine"), status: z.literal("ok") });

/** `GET /health`: liveness, with the engine's state hash (equal across a restart that restored exactly). */
export const ZHealthResponse = z.object({
  status: z.literal("ok"),
  draining: z.boolean(),
  stateHash: z.string(),
  feed: z.string(),
});

/** `GET /ready` when ready (a 503 carries the error body plus the same details). */
export const ZReadyResponse = z.object({
  status: z.literal("ready"),
  kafka: z.object({ connected: z.boolean(), detail: z.string() }).loose(),
  staleMarkets: z.array(z.string()),
});
