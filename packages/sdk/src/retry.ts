import type { ApiError } from "./api-error";

/** How often and how patiently an idempotent request is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 turns retrying off). Default 2. */
  retries: number;
  /** First backoff; doubles per retry, with full jitter. Default 250 ms. */
  baseDelayMs: number;
  /** No wait is longer than this, Retry-After included. Default 5000 ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 250, maxDelayMs: 5_000 };

/**
 * Whether a failure may be retried: the engine was unreachable, throttled us, or was briefly
 * unavailable. PRICE_UNAVAILABLE (no fresh quote) is a market condition the caller decides about.
 */
export function isRetriable(error: ApiError): boolean {
  if (error.code === "NETWORK_ERROR" || error.code === "RATE_LIMITED") return true;
  return (error.status === 502 || error.status === 503 || error.status === 504) && error.code !== "PRICE_UNAVAILABLE";
}

/** The wait before retry number `attempt` (1-based): Retry-After when the server gave one, else jittered backoff. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: ApiError, random: () => number = Math.random): number {
  if (error.retryAfterSeconds !== null) return Math.min(policy.maxDelayMs, error.retryAfterSeconds * 1000);
  return Math.min(policy.maxDelayMs, Math.floor(random() * policy.baseDelayMs * 2 ** (attempt - 1)));
}
