import { createTradingClient, type TradingClient } from "@repo/sdk/client";
import { ENGINE_URL } from "./env";

/** The engine's REST API through the SDK, as a bot would use it; with a token (session or API key) when given. */
export function engineClient(token?: string): TradingClient {
  return createTradingClient({ baseUrl: ENGINE_URL, token: token ?? null });
}
