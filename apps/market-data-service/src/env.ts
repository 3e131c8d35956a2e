import { ZBrokerList } from "@repo/kafka-utils/broker-list";
import type { KafkaSecurity } from "@repo/kafka-utils/kafka-security";
import { parseServiceEnv } from "@repo/service-kit/service-env";
import { z } from "zod";

const ZMillis = z.coerce.number().int().min(1);

/** Market-data configuration (architecture.md §7), read from the environment once at boot. */
export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    MARKETS: z
      .string()
      .default("SOL_USDC,BTC_USDC,ETH_USDC")
      .transform((v) => v.split(",").map((m) => m.trim()).filter((m) => m.length > 0))
      .pipe(z.array(z.string().regex(/^[A-Z0-9.]+_[A-Z0-9]+(_PERP)?$/, "expected symbols like SOL_USDC")).min(1)),
    /** Unset means "auto" outside production; production must choose explicitly. */
    MARKET_FEED: z.enum(["auto", "backpack", "simulator"]).optional(),
    BACKPACK_WS_URL: z.string().url().default("wss://ws.backpack.exchange/"),
    BACKPACK_REST_URL: z.string().url().default("https://api.backpack.exchange"),
    /** How long `auto` waits for Backpack before falling back to the simulator. */
    BACKPACK_CONNECT_TIMEOUT_MS: ZMillis.default(5_000),
    /** Comma-separated bootstrap list; unset in development → the dev broker is started. */
    KAFKA_BROKERS: ZBrokerList,
    KAFKA_TOPIC: z.string().min(1).default("backpack-market-updates"),
    KAFKA_CANDLES_TOPIC: z.string().min(1).default("backpack-candles"),
    RECONNECT_INTERVAL: ZMillis.default(5_000),
    STALE_LINK_MS: ZMillis.default(10_000),
    /** Frames stamped more than this far (ms) ahead of the local clock are refused and counted. */
    MAX_CLOCK_SKEW_MS: z.coerce.number().int().min(0).default(2_000),
    /** Minutes of 1m klines fetched at start and after every reconnect (≥ 24 h). */
    CANDLE_HISTORY_MINUTES: z.coerce.number().int().min(1_440).default(1_500),
    HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(4001),
    HOST: z.string().min(1).default("0.0.0.0"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** `json` (one object per line, for machines) or `pretty` (for people; `npm start` on a terminal). */
    LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
    /** Port of the embedded simulator (MARKET_FEED=simulator or the auto fallback); 0 = random. */
    SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
    SIMULATOR_SEED: z.coerce.number().int().default(42),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && (env.MARKET_FEED === undefined || env.MARKET_FEED === "auto")) {
      ctx.addIssue({
        code: "custom",
        path: ["MARKET_FEED"],
        message: "production requires an explicit MARKET_FEED=backpack or MARKET_FEED=simulator",
      });
    }
  })
  .transform((env) => ({ ...env, MARKET_FEED: env.MARKET_FEED ?? "auto" }));
export type TEnv = z.infer<typeof ZEnv> & {
  /** KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD and KAFKA_SSL (kafka-utils validates them). */
  KAFKA_SECURITY: KafkaSecurity;
};

/** Parses an environment object; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  return parseServiceEnv("market-data-service", ZEnv, source);
}

/** The process environment, validated once. */
export function loadEnv(): TEnv {
  return parseEnv(process.env);
}
