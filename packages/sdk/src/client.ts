import { z } from "zod";
import {
  ZAuthResponse,
  ZCandle,
  ZClosedPosition,
  ZClosePositionResponse,
  ZMarketInfo,
  ZOrder,
  ZPosition,
  ZSignoutAllResponse,
  ZSignoutResponse,
  ZStateResponse,
  ZUser,
  type TModifyOrderInput,
  type TOpenPositionInput,
  type TPlaceOrderInput,
  type ZCandlesQuery,
  type ZClosePositionRequest,
  type ZSigninRequest,
  type ZSignupRequest,
} from "@repo/shared-types/api";
import { ZApiKey, ZCreatedApiKey, type ZCreateApiKeyRequest } from "@repo/shared-types/api-keys";
import { ZHealthResponse, ZReadyResponse } from "@repo/shared-types/probes";
import { ApiError, apiErrorFrom } from "./api-error";
import { DEFAULT_RETRY, isRetriable, retryDelayMs, type RetryPolicy } from "./retry";

export interface TradingClientOptions {
  /** The engine, e.g. `http://localhost:4000`. */
  baseUrl: string;
  /** A session token or an API key; a function is read per request, so a sign-in takes effect at once. */
  token?: string | null | (() => string | null);
  /** Called when a request sent with a token gets 401 (the token was revoked or expired). */
  onUnauthorized?: () => void;
  /** Retries of idempotent requests (GETs, and writes carrying a clientOrderId or Idempotency-Key). */
  retry?: Partial<RetryPolicy>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Defaults to setTimeout (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** false: send no token even when the client has one (sign-up, sign-in). */
  auth?: boolean;
  /** Sent as the Idempotency-Key header (the engine reads it as the clientOrderId). */
  idempotencyKey?: string;
  /**
   * Whether a failure may be retried. Default: GETs, and writes with an idempotency key or a
   * body `clientOrderId`, since the engine answers a repeat with the original result.
   */
  idempotent?: boolean;
  /** Overrides the client's retry count for this request. */
  retries?: number;
}

/** `GET /api/v1/candles`'s query (ZCandlesQuery's input; its `limit` is coerced from text on the server). */
type CandlesQuery = Omit<z.input<typeof ZCandlesQuery>, "limit"> & { limit?: number };

function hasClientOrderId(body: unknown): boolean {
  return typeof body === "object" && body !== null && typeof (body as { clientOrderId?: unknown }).clientOrderId === "string";
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A typed client of the trading engine's REST API (architecture.md §5). Every response is parsed
 * with the engine's own schema from `@repo/shared-types`; failures throw `ApiError` with the
 * contract's code. `request` reaches routes this version has no method for yet.
 */
export function createTradingClient(options: TradingClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const sleep = options.sleep ?? defaultSleep;
  const tokenOf = (): string | null => (typeof options.token === "function" ? options.token() : (options.token ?? null));

  async function send(path: string, init: RequestOptions, accept: string): Promise<Response> {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = { accept };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.idempotencyKey !== undefined) headers["idempotency-key"] = init.idempotencyKey;
    const token = init.auth === false ? null : tokenOf();
    if (token) headers.authorization = `Bearer ${token}`;
    const query = Object.entries(init.query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
    const url = `${baseUrl}${path}${query.length > 0 ? `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : ""}`;
    const idempotent = init.idempotent ?? (method === "GET" || init.idempotencyKey !== undefined || hasClientOrderId(init.body));
    const retries = idempotent ? (init.retries ?? policy.retries) : 0;
    for (let attempt = 0; ; attempt += 1) {
      let error: ApiError;
      try {
        // Browsers would otherwise answer a repeated GET from their HTTP cache (Node's fetch has no such cache).
        const requestInit: RequestInit & { cache?: "no-store" } = {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          cache: "no-store",
        };
        const response = await doFetch(url, requestInit);
        if (response.ok) return response;
        const body: unknown = await response.json().catch(() => null);
        error = apiErrorFrom(response.status, body, response.headers);
        if (error.status === 401 && token) options.onUnauthorized?.();
      } catch (thrown) {
        if (thrown instanceof ApiError) throw thrown;
        error = new ApiError(0, "NETWORK_ERROR", "Cannot reach the trading server.");
      }
      if (attempt >= retries || !isRetriable(error)) throw error;
      await sleep(retryDelayMs(policy, attempt + 1, error));
    }
  }

  async function request<S extends z.ZodType>(path: string, schema: S, init: RequestOptions = {}): Promise<z.output<S>> {
    const response = await send(path, init, "application/json");
    return schema.parse(await response.json());
  }

  async function text(path: string, init: RequestOptions = {}): Promise<string> {
    return (await send(path, init, "text/plain, text/csv, */*")).text();
  }

  return {
    baseUrl,
    request,
    text,
    health: () => request("/health", ZHealthResponse),
    /** Rejects with SERVICE_UNAVAILABLE (not retried) until Kafka is connected and prices are fresh. */
    ready: () => request("/ready", ZReadyResponse, { retries: 0 }),
    /** Prometheus text. */
    metrics: () => text("/metrics"),
    markets: () => request("/api/v1/markets", z.array(ZMarketInfo)),
    candles: (query: CandlesQuery) => request("/api/v1/candles", z.array(ZCandle), { query }),
    signup: (body: z.input<typeof ZSignupRequest>) => request("/api/v1/auth/signup", ZAuthResponse, { method: "POST", body, auth: false }),
    signin: (body: z.input<typeof ZSigninRequest>) => request("/api/v1/auth/signin", ZAuthResponse, { method: "POST", body, auth: false }),
    me: () => request("/api/v1/auth/me", ZUser),
    signout: () => request("/api/v1/auth/signout", ZSignoutResponse, { method: "POST", body: {} }),
    signoutAll: () => request("/api/v1/auth/signout-all", ZSignoutAllResponse, { method: "POST", body: {} }),
    state: () => request("/api/v1/state", ZStateResponse),
    /** Retried on transient failures only when it carries a `clientOrderId` or `idempotencyKey`. */
    openPosition: (body: TOpenPositionInput, init: { idempotencyKey?: string } = {}) =>
      request("/api/v1/positions/open", ZPosition, { method: "POST", body, idempotencyKey: init.idempotencyKey }),
    /** Never retried: a lost reply followed by a retry would answer POSITION_NOT_FOUND. */
    closePosition: (body: z.input<typeof ZClosePositionRequest>) => request("/api/v1/positions/close", ZClosePositionResponse, { method: "POST", body }),
    history: (query: { limit?: number } = {}) => request("/api/v1/positions/history", z.array(ZClosedPosition), { query }),
    orders: {
      /** Open pending orders. */
      list: () => request("/api/v1/orders", z.array(ZOrder)),
      /** Every status, newest first. */
      history: (query: { limit?: number } = {}) => request("/api/v1/orders/history", z.array(ZOrder), { query }),
      /** Retried on transient failures only when it carries a `clientOrderId` or `idempotencyKey`. */
      place: (body: TPlaceOrderInput, init: { idempotencyKey?: string } = {}) =>
        request("/api/v1/orders", ZOrder, { method: "POST", body, idempotencyKey: init.idempotencyKey }),
      modify: (orderId: string, body: TModifyOrderInput) => request(`/api/v1/orders/${encodeURIComponent(orderId)}`, ZOrder, { method: "PATCH", body }),
      cancel: (orderId: string) => request(`/api/v1/orders/${encodeURIComponent(orderId)}`, ZOrder, { method: "DELETE" }),
    },
    apiKeys: {
      /** The answer's `key` is shown this once. */
      create: (body: z.input<typeof ZCreateApiKeyRequest>) => request("/api/v1/api-keys", ZCreatedApiKey, { method: "POST", body }),
      list: () => request("/api/v1/api-keys", z.array(ZApiKey)),
      revoke: (id: string) => request(`/api/v1/api-keys/${encodeURIComponent(id)}`, ZApiKey, { method: "DELETE" }),
    },
  };
}

/** The client `createTradingClient` builds. */
export type TradingClient = ReturnType<typeof createTradingClient>;
