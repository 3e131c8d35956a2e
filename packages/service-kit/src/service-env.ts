import { ZKafkaSecurityEnv, type KafkaSecurity } from "@repo/kafka-utils/kafka-security";
import type { z } from "zod";

/**
 * Parses a service's environment and its Kafka security settings together; throws one readable
 * error naming the service and every bad variable, so a misconfigured boot fails fast and clearly.
 */
export function parseServiceEnv<T extends z.ZodType>(
  service: string,
  schema: T,
  source: Record<string, string | undefined>,
): z.output<T> & { KAFKA_SECURITY: KafkaSecurity } {
  const result = schema.safeParse(source);
  const security = ZKafkaSecurityEnv.safeParse(source);
  if (!result.success || !security.success) {
    const issues = [...(result.error?.issues ?? []), ...(security.error?.issues ?? [])];
    const lines = issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`${service}: invalid environment\n${lines.join("\n")}`);
  }
  return { ...(result.data as object), KAFKA_SECURITY: security.data } as z.output<T> & { KAFKA_SECURITY: KafkaSecurity };
}
