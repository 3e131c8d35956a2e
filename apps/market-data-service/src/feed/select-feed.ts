import type { Logger } from "pino";
import type { TEnv } from "../env";
import type { FeedEndpoint } from "./feed-endpoint";
import { createSimulator, type BackpackSimulator } from "@repo/backpack-simulator/simulator";
import { probeWebSocket } from "./probe-websocket";

export interface SelectedFeed {
  endpoint: FeedEndpoint;
  /** The embedded simulator when the service runs one (close it on shutdown). */
  simulator: BackpackSimulator | null;
}

async function embeddedSimulator(env: TEnv): Promise<SelectedFeed> {
  const simulator = createSimulator({ seed: env.SIMULATOR_SEED });
  const urls = await simulator.listen(env.SIMULATOR_PORT, "127.0.0.1");
  return { endpoint: { wsUrl: urls.wsUrl, restUrl: urls.restUrl, source: "simulator" }, simulator };
}

/**
 * MARKET_FEED: `backpack` uses Backpack, `simulator` runs the embedded simulator, `auto` probes
 * Backpack and falls back to the simulator (saying so loudly: the messages carry source "simulator").
 */
export async function selectFeed(env: TEnv, logger: Logger): Promise<SelectedFeed> {
  const backpack: SelectedFeed = {
    endpoint: { wsUrl: env.BACKPACK_WS_URL, restUrl: env.BACKPACK_REST_URL, source: "backpack" },
    simulator: null,
  };
  if (env.MARKET_FEED === "backpack") return backpack;
  if (env.MARKET_FEED === "simulator") {
    const feed = await embeddedSimulator(env);
    logger.warn({ wsUrl: feed.endpoint.wsUrl }, "MARKET_FEED=simulator: prices are SIMULATED");
    return feed;
  }
  const probe = await probeWebSocket(env.BACKPACK_WS_URL, env.BACKPACK_CONNECT_TIMEOUT_MS);
  if (probe.ok) {
    logger.info({ wsUrl: env.BACKPACK_WS_URL }, "MARKET_FEED=auto: Backpack reachable, using live prices");
    return backpack;
  }
  const feed = await embeddedSimulator(env);
  logger.warn(
    { backpack: env.BACKPACK_WS_URL, reason: probe.reason, simulator: feed.endpoint.wsUrl },
    "!!! MARKET_FEED=auto: Backpack is unreachable; falling back to the embedded SIMULATOR. Prices are SIMULATED (source=\"simulator\") !!!",
  );
  return feed;
}
