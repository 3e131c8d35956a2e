import { parseDecimal } from "@repo/shared-types/decimal";
import { ZBrokerList } from "@repo/kafka-utils/broker-list";
import { isIP } from "node:net";
import type { KafkaSecurity } from "@repo/kafka-utils/kafka-security";
import { parseServiceEnv } from "@repo/service-kit/service-env";
import { z } from "zod";

/** What fastify's trustProxy may be given: no proxy, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  if (extra !== undefined || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
}

/**
 * `TRUST_PROXY`: a hop count ("1") or a comma list of proxy IPs / CIDRs ("10.0.0.0/8,127.0.0.1").
 * "true" would trust every hop, so a client could forge X-Forwarded-For and rotate its per-IP
 * limit away: it is refused, never mapped to "trust everything".
 */
const ZTrustProxy = z
  .string()
  .optional()
  .transform((value, ctx): TrustProxy => {
    const text = (value ?? "").trim();
    if (text === "" || text === "false" || text === "0") return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(",").map((e) => e.trim()).filter((e) => e.length > 0);
    if (text === "true" || entries.some((e) => !isAddressOrCidr(e))) {
      ctx.addIssue({
        code: "custom",
        message:
          `"${text}" is not accepted: give the number of proxy hops in front of the engine (e.g. 1) ` +
          "or a comma list of the proxies' IPs/CIDRs (e.g. 10.0.0.0/8); \"true\" (trust every hop) lets clients forge X-Forwarded-For",
      });
      return z.NEVER;
    }
    return entries;
  });

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
  /** Which proxies' X-Forwarded-For to believe: a hop count or their IPs/CIDRs (never "true"). */
  TRUST_PROXY: ZTrustProxy,
  /** Sessions older than this are refused (401) and pruned. */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(168),
  /** Failed sign-ins per email per 15 minutes before 429 RATE_LIMITED. */
  SIGNIN_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** Socket.IO handshakes per client IP per minute before connect_error RATE_LIMITED. */
  SOCKET_HANDSHAKES_PER_IP_PER_MIN: z.coerce.number().int().min(1).default(120),
});
export type TEnv = z.infer<typeof ZEnv> & {
  /** KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD and KAFKA_SSL (kafka-utils validates them). */
  KAFKA_SECURITY: KafkaSecurity;
};

/** Parses an environment object; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  return parseServiceEnv("trading-engine", ZEnv, source);
}

/** The process environment, validated once. */
export function loadEnv(): TEnv {
  return parseEnv(process.env);
}
