import { ERROR_STATUS, type TErrorBody, type TErrorCode } from "@repo/shared-types/errors";

/**
 * The one error type the API answers with: a stable code from the shared table, its HTTP status
 * taken from that table, and a message safe to show to clients.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: TErrorCode;
  readonly statusCode: number;

  constructor(code: TErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
  }

  /** `{"error": {"code", "message"}}`, the body of every error response. */
  toBody(): TErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
