import { z } from "zod";

/**
 * `KAFKA_BROKERS` as both services read it: a comma-separated `host:port` list. Unset or blank
 * means "no Kafka configured" (undefined), so development falls back to the dev broker.
 */
export const ZBrokerList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, "expected host:port")))
  .transform((brokers) => (brokers.length > 0 ? brokers : undefined));
