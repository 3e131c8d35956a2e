import type { z } from "zod";
import { ApiError, apiErrorFrom } from "./api-error";

export interface ApiClient {
  baseUrl: string;
  /** Performs a JSON request; validates the response with `schema`; throws ApiError on failure. */
  request<S extends z.ZodType>(
    path: string,
    schema: S,
    init?: { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; auth?: boolean },
  ): Promise<z.infer<S>>;
}

/**
 * REST client for the trading engine. `getToken` is read per request so a sign-in takes effect
 * immediately; `onUnauthorized` lets the session end itself when the server revokes the token.
 */
export function createApiClient(
  baseUrl: string,
  getToken: () => string | null,
  onUnauthorized: () => void,
): ApiClient {
  return {
    baseUrl,
    async request(path, schema, init = {}) {
      const headers: Record<string, string> = { accept: "application/json" };
      if (init.body !== undefined) headers["content-type"] = "application/json";
      const token = init.auth === false ? null : getToken();
      if (token) headers.authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method: init.method ?? "GET",
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          cache: "no-store",
        });
      } catch {
        throw new ApiError(0, "NETWORK_ERROR", "Cannot reach the trading server.");
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const error = apiErrorFrom(response.status, body);
        if (error.status === 401 && token) onUnauthorized();
        throw error;
      }
      return schema.parse(body);
    },
  };
}
