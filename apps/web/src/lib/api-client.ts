import { createTradingClient, type TradingClient } from "@repo/sdk/client";

/** The web app's REST client: the SDK's, with the signed-in session's token. */
export type ApiClient = TradingClient;

/**
 * `getToken` is read per request so a sign-in takes effect immediately; `onUnauthorized` lets the
 * session end itself when the server revokes the token.
 */
export function createApiClient(baseUrl: string, getToken: () => string | null, onUnauthorized: () => void): ApiClient {
  // React Query already retries failed reads (app/providers.tsx): a second layer would multiply the waits.
  return createTradingClient({ baseUrl, token: getToken, onUnauthorized, retry: { retries: 0 } });
}
