import { z } from "zod";

const ZWebEnv = z.object({
  /** Trading engine (REST + Socket.IO) as the browser reaches it. */
  NEXT_PUBLIC_API_URL: z.url().default("http://localhost:4000"),
});

export type TWebEnv = z.infer<typeof ZWebEnv>;

/**
 * Server-only: reads the environment at request time. Going through a variable (not the literal
 * `process.env.NEXT_PUBLIC_…` member) keeps Next from inlining the build-time value, so one build
 * serves any engine URL (the e2e suite runs the same build against other ports).
 */
export function readWebEnv(): TWebEnv {
  const runtimeEnv: Record<string, string | undefined> = process.env;
  const parsed = ZWebEnv.safeParse({ NEXT_PUBLIC_API_URL: runtimeEnv.NEXT_PUBLIC_API_URL || undefined });
  if (!parsed.success) {
    throw new Error(`Invalid web environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** True under `next dev` (hot reload needs eval and its own WebSocket). */
export function isDevServer(): boolean {
  const runtimeEnv: Record<string, string | undefined> = process.env;
  return runtimeEnv.NODE_ENV === "development";
}
