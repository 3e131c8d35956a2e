import { z } from "zod";
import { ZAsset } from "@repo/shared-types/market";

const ZBotEnv = z.object({
  /** The engine. */
  API_URL: z.url().default("http://localhost:4000"),
  /** An API key with the trade scope (web terminal → API keys). */
  API_KEY: z.string().min(16, "set API_KEY to an API key with the trade scope (create one in the web terminal: API keys)"),
  ASSET: ZAsset.default("SOL"),
  MARGIN: z.string().default("100"),
  LEVERAGE: z.coerce.number().int().min(1).max(100).default(5),
  SLIPPAGE_PCT: z.coerce.number().min(0).max(100).default(1),
  FAST: z.coerce.number().int().min(1).default(5),
  SLOW: z.coerce.number().int().min(2).default(20),
  BOT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default("ma-bot"),
  /** Stop after this many round trips; 0 runs until Ctrl-C. */
  MAX_TRADES: z.coerce.number().int().min(0).default(0),
});
export type BotEnv = z.infer<typeof ZBotEnv>;

/** The bot's settings from the environment, validated once; exits with the reasons otherwise. */
export function loadEnv(): BotEnv {
  const parsed = ZBotEnv.safeParse(process.env);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}
