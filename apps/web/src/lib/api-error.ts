import { ZErrorBody } from "@repo/shared-types/errors";

/** A failed API call: `code` is the contract's error code (or NETWORK_ERROR when the server is unreachable). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Builds an ApiError from any failed response body, tolerating bodies that are not the contract shape. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(status, status >= 500 ? "SERVICE_UNAVAILABLE" : "INVALID_REQUEST", `Request failed (${status})`);
}

const USER_MESSAGES: Record<string, string> = {
  INSUFFICIENT_FUNDS: "Not enough free margin for this order.",
  PRICE_UNAVAILABLE: "No fresh price for this market right now. Orders are paused until the feed resumes.",
  SLIPPAGE_EXCEEDED: "The price moved more than your slippage limit. Check the new price and try again.",
  RATE_LIMITED: "Too many requests. Wait a moment and try again.",
  UNAUTHENTICATED: "Your session has ended. Sign in again.",
  EMAIL_TAKEN: "An account with this email already exists.",
  POSITION_NOT_FOUND: "This position is already closed.",
  NETWORK_ERROR: "Cannot reach the trading server.",
  SERVICE_UNAVAILABLE: "The trading server is unavailable. Try again shortly.",
};

/** The message a trader sees for an error: a plain sentence per code, the server's text otherwise. */
export function userMessage(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) {
    return { code: error.code, message: USER_MESSAGES[error.code] ?? error.message };
  }
  return { code: "UNKNOWN", message: error instanceof Error ? error.message : "Something went wrong." };
}
