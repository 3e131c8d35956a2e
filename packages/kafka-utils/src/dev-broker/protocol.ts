/** Messages between the dev broker's parent (dev-broker.ts) and its child process (JSON, one per line or IPC). */
export type DevBrokerCommand =
  | { cmd: "brokerDown"; broker: number }
  | { cmd: "brokerUp"; broker: number }
  | { cmd: "setLeader"; topic: string; partition: number; broker: number }
  | { cmd: "setRtt"; broker: number; rttMs: number }
  | { cmd: "pushRequestErrors"; apiKey: number; errorCodes: number[] }
  | { cmd: "clearRequestErrors" }
  | { cmd: "stop" };

export type DevBrokerRequest = DevBrokerCommand & { id: number };

export type DevBrokerEvent =
  | { type: "ready"; bootstrapServers: string[]; brokers: number; pid: number }
  | { type: "fatal"; code: string; message: string }
  | { type: "reply"; id: number; ok: true }
  | { type: "reply"; id: number; ok: false; error: string };

/** Names tried in order when no explicit library path is given. */
export const LIBRDKAFKA_CANDIDATES = [
  "librdkafka.so.1",
  "librdkafka.so",
  "librdkafka.dylib",
  "/opt/homebrew/lib/librdkafka.dylib",
  "/usr/local/lib/librdkafka.dylib",
] as const;

export const LIBRDKAFKA_MISSING_HELP =
  "librdkafka is not installed, so the dev Kafka broker (librdkafka's mock cluster) cannot start. " +
  "Install it: Debian/Ubuntu `sudo apt-get install librdkafka1`, macOS `brew install librdkafka`. " +
  "Or point KAFKA_BROKERS at a real Kafka cluster.";
