import { z } from "zod";

/**
 * Every error code the API can return and its HTTP status: the one table (architecture.md §5).
 * Business rejections are 422; bad input is 400; a missing or foreign position or order is 404.
 */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  /** An API key without the scope the route needs, or any key on the key and session routes. */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  POSITION_NOT_FOUND: 404,
  /** Another user's order, or one no longer open. */
  ORDER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  /** A clientOrderId (or Idempotency-Key) reused with a different body. */
  IDEMPOTENCY_CONFLICT: 409,
  INSUFFICIENT_FUNDS: 422,
  SLIPPAGE_EXCEEDED: 422,
  INVALID_STOPS: 422,
  /** A limit or stop on the wrong side of the quote. */
  INVALID_ORDER_PRICE: 422,
  /** A partial close of more than the open quantity. */
  INVALID_QUANTITY: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  PRICE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [TErrorCode, ...TErrorCode[]];
export const ZErrorCode = z.enum(ERROR_CODES);

/** `{"error": {"code": "SOME_CODE", "message": "..."}}` — the body of every error response. */
export const ZErrorBody = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
