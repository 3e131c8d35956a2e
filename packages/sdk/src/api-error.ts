import { ZErrorBody } from "@repo/shared-types/errors";

/**
 * A failed call: `code` is the contract's error code (`INSUFFICIENT_FUNDS`, `FORBIDDEN`, ...), or
 * `NETWORK_ERROR` when the engine could not be reached. `retryAfterSeconds` comes from Retry-After.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

/** Builds an ApiError from any failed response body, tolerating bodies that are not the contract shape. */
export function apiErrorFrom(status: number, body: unknown, headers?: { get(name: string): string | null }): ApiError {
  const retryAfter = Number(headers?.get("retry-after") ?? Number.NaN);
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null;
  const requestId = headers?.get("x-request-id") ?? null;
  const parsed = ZErrorBody.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error.code, parsed.data.error.message, retryAfterSeconds, requestId);
  return new ApiError(status, status >= 500 ? "SERVICE_UNAVAILABLE" : "INVALID_REQUEST", `Request failed (${status})`, retryAfterSeconds, requestId);
}
