import type { z } from "zod";
import { AppError } from "./app-error";

/** Validates untrusted input with a shared schema; any failure is 400 INVALID_REQUEST with the first issues. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const message = result.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  throw new AppError("INVALID_REQUEST", message);
}
