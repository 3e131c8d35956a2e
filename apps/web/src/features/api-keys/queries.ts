import { type TCreateApiKeyRequest } from "@repo/shared-types/api-keys";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** The signed-in person's live API keys (never their secrets). */
export const apiKeysQuery = (api: ApiClient) => queryOptions({ queryKey: queryKeys.account.apiKeys, queryFn: () => api.apiKeys.list() });

export function createApiKey(api: ApiClient, body: TCreateApiKeyRequest) {
  return api.apiKeys.create(body);
}

export function revokeApiKey(api: ApiClient, id: string) {
  return api.apiKeys.revoke(id);
}

/** The "connect a bot" snippet: the SDK against this engine, reading the key from the environment. */
export function botSnippet(apiUrl: string): string {
  return [
    `import { createTradingClient } from "@repo/sdk/client";`,
    ``,
    `const api = createTradingClient({ baseUrl: "${apiUrl}", token: process.env.API_KEY });`,
    `const { account } = await api.state();`,
    `const position = await api.openPosition(`,
    `  { asset: "SOL", type: "long", margin: "100", leverage: 5 },`,
    `  { idempotencyKey: "my-bot-0001" },`,
    `);`,
    `await api.closePosition({ positionId: position.positionId });`,
  ].join("\n");
}
