import type { Logger } from "pino";

/** kafka-utils' logger surface (message, context) on top of pino (context, message). */
export function pinoKafkaLogger(logger: Logger) {
  return {
    info: (message: string, context?: Record<string, unknown>) => logger.info(context ?? {}, message),
    warn: (message: string, context?: Record<string, unknown>) => logger.warn(context ?? {}, message),
    error: (message: string, context?: Record<string, unknown>) => logger.error(context ?? {}, message),
  };
}
