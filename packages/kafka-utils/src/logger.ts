import { logLevel, type logCreator } from "kafkajs";

/** The logging surface kafka-utils needs: message first, structured context second. */
export interface KafkaLogger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Default: warnings and errors on stderr, info dropped (services pass their own logger). */
export const consoleLogger: KafkaLogger = {
  info: () => undefined,
  warn: (message, context) => console.warn(`[kafka] ${message}`, context ?? ""),
  error: (message, context) => console.error(`[kafka] ${message}`, context ?? ""),
};

export const silentLogger: KafkaLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Routes kafkajs' own log lines to our logger so services keep one log stream. */
export function kafkaJsLogCreator(logger: KafkaLogger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...context } = log;
      const text = `kafkajs: ${message}`;
      if (level === logLevel.ERROR) logger.error(text, context);
      else if (level === logLevel.WARN) logger.warn(text, context);
      else logger.info(text, context);
    };
}
