import type { KafkaConfig, SASLOptions } from "kafkajs";
import { z } from "zod";

/** How a client authenticates to the brokers: SASL/SCRAM over TLS in production, nothing for the dev broker. */
export interface KafkaSecurity {
  ssl: boolean;
  sasl: { mechanism: "scram-sha-256" | "scram-sha-512"; username: string; password: string } | null;
}

export const NO_KAFKA_SECURITY: KafkaSecurity = { ssl: false, sasl: null };

/** KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD and KAFKA_SSL, as both services read them. */
export const ZKafkaSecurityEnv = z
  .object({
    KAFKA_SASL_MECHANISM: z.enum(["scram-sha-256", "scram-sha-512"]).optional(),
    KAFKA_SASL_USERNAME: z.string().min(1).optional(),
    KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
    KAFKA_SSL: z.enum(["true", "false"]).default("false"),
  })
  .superRefine((env, ctx) => {
    const set = [env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD].filter((v) => v !== undefined);
    // Half a SASL setting would silently connect without auth: all three or none.
    if (set.length > 0 && set.length < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["KAFKA_SASL_MECHANISM"],
        message: "set KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD together (or none)",
      });
    }
  })
  .transform(
    (env): KafkaSecurity => ({
      ssl: env.KAFKA_SSL === "true",
      sasl:
        env.KAFKA_SASL_MECHANISM !== undefined && env.KAFKA_SASL_USERNAME !== undefined && env.KAFKA_SASL_PASSWORD !== undefined
          ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
          : null,
    }),
  );

/** The kafkajs client config of every producer and consumer: `base` plus the security settings. */
export function kafkaClientConfig(base: KafkaConfig, security: KafkaSecurity = NO_KAFKA_SECURITY): KafkaConfig {
  const sasl: SASLOptions | undefined = security.sasl === null ? undefined : { ...security.sasl };
  return { ...base, ssl: security.ssl, ...(sasl === undefined ? {} : { sasl }) };
}
