import { pino, type Logger } from "pino";

/** A pino logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
