import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TFeedSource, TMarketUpdate } from "@repo/shared-types/market";
import type { Logger } from "pino";
import { parseFrame } from "./backpack/parse-frame";
import { klineFrameToCandle } from "./candles/to-candle-message";
import type { ServiceMetrics } from "./metrics";
import type { MarketNormaliser } from "./normaliser";

export interface FrameRouterDeps {
  markets: readonly string[];
  source: TFeedSource;
  normaliser: MarketNormaliser;
  metrics: ServiceMetrics;
  logger: Logger;
  onUpdate: (update: TMarketUpdate, receivedAt: number) => void;
  onKline: (candle: TCandleMessage) => void;
}

/** Routes each raw Backpack frame: quotes through the normaliser, 1m klines to candles, the rest counted. */
export function createFrameRouter(deps: FrameRouterDeps): (text: string, receivedAt: number) => void {
  const { metrics, logger } = deps;
  let malformedLoggedAt = 0;
  return (text, receivedAt) => {
    const frame = parseFrame(text);
    switch (frame.kind) {
      case "malformed":
        metrics.framesMalformed.inc();
        if (receivedAt - malformedLoggedAt > 60_000) {
          malformedLoggedAt = receivedAt;
          logger.warn({ stream: frame.stream, reason: frame.reason }, "malformed frame skipped (logged at most once a minute)");
        }
        return;
      case "error":
        metrics.feedErrors.inc({ code: String(frame.code ?? "unknown") });
        logger.warn({ code: frame.code, message: frame.message }, "exchange error frame");
        return;
      case "ignored":
        metrics.framesIn.inc({ stream: frame.stream.split(".")[0] ?? "unknown", symbol: frame.stream.split(".").at(-1) ?? "" });
        return;
      case "kline":
        metrics.framesIn.inc({ stream: "kline", symbol: frame.symbol });
        if (frame.interval !== "1m" || !deps.markets.includes(frame.symbol)) return;
        deps.onKline(klineFrameToCandle(frame, deps.source));
        return;
      default: {
        metrics.framesIn.inc({ stream: frame.kind, symbol: frame.symbol });
        const result = deps.normaliser.apply(frame);
        if (result.ok) deps.onUpdate(result.update, receivedAt);
        else metrics.skipped.inc({ reason: result.reason });
      }
    }
  };
}
