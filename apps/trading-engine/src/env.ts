import { parseDecimal } from "@repo/shared-types/decimal";
import { ZBrokerList } from "@repo/kafka-utils/broker-list";
import { z } from "zod";

const ZBoolFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

/** Engine configuration (architecture.md §7), read from the environment once at boot. */
export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Comma-separated bootstrap list; unset in development → the dev broker is started. */
  KAFKA_BROKERS: ZBrokerList,
  KAFKA_GROUP_ID: z.string().min(1).default("trading-engine-group"),
  KAFKA_TOPIC: z.string().min(1).default("backpack-market-updates"),
  KAFKA_CANDLES_TOPIC: z.string().min(1).default("backpack-candles"),
  /** How long the broker may park an empty fetch (ms): small against the dev broker (§8). */
  KAFKA_MAX_WAIT_MS: z.coerce.number().int().min(1).max(10_000).default(20),
  DATA_DIR: z.string().min(1).default("./data"),
  PRICE_STALE_MS: z.coerce.number().int().min(1).default(10_000),
  /** A quote stamped more than this far (ms) ahead of the engine's clock is refused and counted. */
  MAX_CLOCK_SKEW_MS: z.coerce.number().int().min(0).default(2_000),
  /**
   * Percent a quote may move from the recent median before it waits for a confirming quote
   * (0 = off); up to two decimals, read as integer basis points so no float reaches the engine.
   */
  /** Read as integer basis points, so no float reaches the engine. */
  PRICE_BAND_PCT: z
    .string()
    .default("10")
    .transform((v, ctx) => {
      const bp = parseDecimal(v, 2, { leadingZeros: true });
      if (bp === null || bp > 999_999n) {
        ctx.addIssue({ code: "custom", message: "a percent with at most two decimals, e.g. 10 or 7.5" });
        return z.NEVER;
      }
      return Number(bp);
    }),
  WEB_ORIGIN: z
    .string()
    .default("http://localhost:3000")
    .transform((v) => v.split(",").map((o) => o.trim()).filter((o) => o.length > 0)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `json` (one object per line, for machines) or `pretty` (for people; `npm start` on a terminal). */
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  /** Requests per minute per client IP. */
  RATE_LIMIT_IP_PER_MIN: z.coerce.number().int().min(1).default(1_200),
  /** Authenticated requests per minute per user. */
  RATE_LIMIT_USER_PER_MIN: z.coerce.number().int().min(1).default(600),
  /** Trust X-Forwarded-For (behind a reverse proxy only). */
  TRUST_PROXY: ZBoolFlag.default(false),
});
export type TEnv = z.infer<typeof ZEnv>;

/** Parses an environment object; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`trading-engine: invalid environment\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The process environment, validated once. */
export function loadEnv(): TEnv {
  return parseEnv(process.env);
}
