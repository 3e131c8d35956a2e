import { KafkaUtilsError } from "./errors";
import type { TopicDefinition } from "./topics";

/** Validates a value against its topic's schema and returns the JSON wire form. */
export function encodeValue<T>(topic: TopicDefinition<T>, value: T): string {
  const parsed = topic.schema.safeParse(value);
  if (!parsed.success) {
    throw new KafkaUtilsError(
      "INVALID_MESSAGE",
      `refusing to send an invalid "${topic.name}" message: ${parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; ")}`,
      { retriable: false, cause: parsed.error },
    );
  }
  return JSON.stringify(parsed.data);
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses and validates a raw Kafka value; an invalid one is a result, not an exception. */
export function decodeValue<T>(topic: TopicDefinition<T>, raw: Buffer | null): DecodeResult<T> {
  if (raw === null) return { ok: false, reason: "empty value (tombstone)" };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { ok: false, reason: "value is not JSON" };
  }
  const parsed = topic.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; "),
    };
  }
  return { ok: true, value: parsed.data };
}
