import { ApiError } from "@repo/sdk/errors";

export { ApiError };

const USER_MESSAGES: Record<string, string> = {
  INSUFFICIENT_FUNDS: "Not enough free margin for this order.",
  PRICE_UNAVAILABLE: "No fresh price for this market right now. Orders are paused until the feed resumes.",
  SLIPPAGE_EXCEEDED: "The price moved more than your slippage limit. Check the new price and try again.",
  RATE_LIMITED: "Too many requests. Wait a moment and try again.",
  UNAUTHENTICATED: "Your session has ended. Sign in again.",
  FORBIDDEN: "This needs a signed-in session, not an API key.",
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
