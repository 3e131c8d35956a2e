import { ensureDevBroker, type EnsuredDevBroker } from "@repo/kafka-utils/dev-broker";
import type { Logger } from "pino";

export type ResolvedBrokers =
  | { brokers: string[]; devBroker: EnsuredDevBroker | null }
  /** `fatal`: production without KAFKA_BROKERS, a configuration error; otherwise the dev broker failed to start. */
  | { brokers: null; fatal: boolean; reason: string };

/**
 * KAFKA_BROKERS when set; otherwise, outside production, the shared dev broker (started if no
 * live one is advertised), so `npm start` and tests need no Kafka installed.
 */
export async function resolveBrokers(options: {
  configured: string[] | undefined;
  production: boolean;
  logger: Logger;
  devBrokers?: number;
}): Promise<ResolvedBrokers> {
  if (options.configured !== undefined) return { brokers: options.configured, devBroker: null };
  if (options.production) return { brokers: null, fatal: true, reason: "KAFKA_BROKERS is required in production" };
  try {
    const devBroker = await ensureDevBroker(options.devBrokers === undefined ? {} : { brokers: options.devBrokers });
    options.logger.warn({ brokers: devBroker.bootstrapServers, owned: devBroker.owned }, "KAFKA_BROKERS unset: using the dev broker");
    return { brokers: devBroker.bootstrapServers, devBroker };
  } catch (error) {
    return { brokers: null, fatal: false, reason: `dev broker could not start: ${error instanceof Error ? error.message : String(error)}` };
  }
}
