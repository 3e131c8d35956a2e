import { z } from "zod";

const ZDevBrokerEnv = z.object({
  /** Broker count for `npm run kafka:dev`. */
  KAFKA_DEV_BROKERS: z.coerce.number().int().min(1).max(16).default(3),
});

/** The dev broker CLI's configuration, validated once. */
export const devBrokerEnv = ZDevBrokerEnv.parse(process.env);
