import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { TErrorCode } from "@repo/shared-types/errors";
import { LedgerWriteError } from "../trading/ledger-write-error";
import { AppError } from "./app-error";

/** A business rejection as the services return it. */
export interface RejectionValue {
  ok: false;
  code: TErrorCode;
  message: string;
}

/** 4xx errors fastify raises itself (bad JSON, wrong content type, body too large...) are bad input. */
function clientErrorCode(status: number): TErrorCode {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  if (status === 503) return "SERVICE_UNAVAILABLE";
  return "INVALID_REQUEST";
}

/**
 * The value of a service result; a rejection becomes the AppError the error handler answers
 * with (its status from the shared code table).
 */
export function valueOf<T>(result: { ok: true; value: T } | RejectionValue): T {
  if (!result.ok) throw new AppError(result.code, result.message);
  return result.value;
}

/**
 * The one mapping from failures to responses: AppErrors (rejections, bad input, auth), fastify's
 * own 4xx, a failed ledger write (503) and anything else (500) all answer `{"error": {code, message}}`.
 * `onError` sees every code sent (the rejects metric).
 */
export function registerErrorHandler(http: FastifyInstance, onError: (code: TErrorCode) => void): void {
  const sendError = (reply: FastifyReply, error: AppError): FastifyReply => {
    onError(error.code);
    return reply.status(error.statusCode).send(error.toBody());
  };

  http.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error);
    if (error instanceof LedgerWriteError) return sendError(reply, new AppError("SERVICE_UNAVAILABLE", error.message));
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, new AppError(clientErrorCode(status), error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(reply, new AppError("INTERNAL_ERROR", "internal error"));
  });
  http.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0] ?? ""}`)),
  );
}
