import type { KafkaLogger } from "@repo/kafka-utils/logger";
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

export interface ServiceLoggerOptions {
  level: string;
  /** `json`: one object per line (machines); `pretty`: one readable line per entry (`npm start`). */
  format: "json" | "pretty";
  /** Fields on every line, e.g. `{ service: "trading-engine" }`; pretty output hides them (npm start prefixes the name). */
  base: Record<string, string>;
}

/** The pino logger both services log with. */
export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  return pino(
    { level: options.level, base: options.base },
    // Synchronous pretty printing (no worker thread), so nothing is lost on exit.
    options.format === "pretty"
      ? pretty({ sync: true, singleLine: true, ignore: ["pid", "hostname", ...Object.keys(options.base)].join(","), translateTime: "HH:MM:ss.l" })
      : undefined,
  );
}

/** kafka-utils' logger surface (message, context) on top of pino (context, message). */
export function pinoKafkaLogger(logger: Logger): KafkaLogger {
  return {
    info: (message, context) => logger.info(context ?? {}, message),
    warn: (message, context) => logger.warn(context ?? {}, message),
    error: (message, context) => logger.error(context ?? {}, message),
  };
}
