/**
 * The one error type kafka-utils throws. `retriable` answers "may the same call succeed if it is
 * made again later?"; callers and the consumer runner decide on that flag, never on message text.
 */
export class KafkaUtilsError extends Error {
  override readonly name = "KafkaUtilsError";
  /** Stable code: our own (`INVALID_MESSAGE`, `NOT_CONNECTED`, ...) or the Kafka protocol error type. */
  readonly code: string;
  readonly retriable: boolean;

  constructor(code: string, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

interface KafkaJsLikeError {
  name: string;
  message: string;
  retriable?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

function isErrorLike(value: unknown): value is KafkaJsLikeError {
  return value instanceof Error;
}

/** Follows kafkajs' `cause` chain (KafkaJSNumberOfRetriesExceeded wraps the last attempt's error). */
function rootCause(error: KafkaJsLikeError): KafkaJsLikeError {
  let current = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const next = current.cause ?? current.originalError;
    if (!isErrorLike(next)) return current;
    current = next;
  }
  return current;
}

function codeOf(error: KafkaJsLikeError): string {
  if (typeof error.type === "string" && error.type.length > 0) return error.type;
  const bare = error.name.replace(/^KafkaJS/, "").replace(/Error$/, "");
  if (bare.length === 0) return "KAFKA_ERROR";
  return bare.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * Whether retrying the failed call later can succeed. kafkajs marks "retries exhausted" as
 * non-retriable (so kafkajs itself stops), but for our caller the root cause decides: a broker
 * that stayed down past kafkajs' retries may well be back later.
 */
function retriableOf(error: KafkaJsLikeError): boolean {
  if (Array.isArray(error.errors) && error.errors.length > 0) {
    return error.errors.every((inner) => isErrorLike(inner) && retriableOf(inner));
  }
  const root = rootCause(error);
  if (root !== error && typeof root.retriable === "boolean") return root.retriable;
  return error.retriable === true;
}

/** Wraps anything thrown by kafkajs (or a handler) into a KafkaUtilsError, keeping `retriable`. */
export function toKafkaUtilsError(error: unknown, context?: string): KafkaUtilsError {
  if (error instanceof KafkaUtilsError) return error;
  if (!isErrorLike(error)) {
    return new KafkaUtilsError("KAFKA_ERROR", `${context ? `${context}: ` : ""}${String(error)}`, { cause: error });
  }
  const root = rootCause(error);
  const message = `${context ? `${context}: ` : ""}${root === error ? error.message : `${error.message} (${root.message})`}`;
  return new KafkaUtilsError(codeOf(root), message, { retriable: retriableOf(error), cause: error });
}

/** Reads the `retriable` flag of any error; unknown errors are not retriable. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof KafkaUtilsError) return error.retriable;
  if (isErrorLike(error)) return retriableOf(error);
  return false;
}
