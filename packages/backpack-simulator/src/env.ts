import { z } from "zod";

/** Simulator CLI settings: PORT (or --port), HOST (or --host), SIMULATOR_SEED (or --seed). */
export const ZSimulatorEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
  /** Loopback by default: the simulator's /_control routes move prices (override with --host). */
  HOST: z.string().min(1).default("127.0.0.1"),
  SIMULATOR_SEED: z.coerce.number().int().default(42),
});
export type TSimulatorEnv = z.infer<typeof ZSimulatorEnv>;

/** Simulator CLI environment, validated once. */
export function loadSimulatorEnv(): TSimulatorEnv {
  const result = ZSimulatorEnv.safeParse(process.env);
  if (!result.success) {
    throw new Error(`simulator: invalid environment\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return result.data;
}
