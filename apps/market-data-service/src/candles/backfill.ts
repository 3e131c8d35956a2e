import { setTimeout as delay } from "node:timers/promises";
import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TFeedSource } from "@repo/shared-types/market";
import type { Logger } from "pino";
import type { ServiceMetrics } from "../metrics";
import type { CoalescingPublisher } from "../publisher/coalescing-publisher";
import { fetchKlineHistory } from "./fetch-kline-history";
import { restKlineToCandle } from "./to-candle-message";

const BACKFILL_ATTEMPTS = 3;

export interface CandleBackfillDeps {
  markets: readonly string[];
  restUrl: string;
  historyMinutes: number;
  source: TFeedSource;
  candles: CoalescingPublisher<TCandleMessage>;
  metrics: ServiceMetrics;
  logger: Logger;
  now: () => number;
  fetchImpl?: typeof fetch;
}

export interface CandleBackfill {
  /** Fetches every market's history again (on each connect), aborting a fetch still running. */
  start(): void;
  abort(): void;
  /** A live kline: held while its market's history is being fetched, so the newest version wins. */
  relay(candle: TCandleMessage): void;
}

/** Candle history from the source's REST klines, merged in order with the live kline stream. */
export function createCandleBackfill(deps: CandleBackfillDeps): CandleBackfill {
  const { candles, logger, now } = deps;
  const heldKlines = new Map<string, Map<number, TCandleMessage>>();
  let controller: AbortController | null = null;

  async function backfill(symbol: string, signal: AbortSignal): Promise<void> {
    heldKlines.set(symbol, new Map());
    try {
      for (let attempt = 1; attempt <= BACKFILL_ATTEMPTS && !signal.aborted; attempt += 1) {
        try {
          const toSec = Math.floor(now() / 1000);
          const fromSec = Math.floor(toSec / 60) * 60 - deps.historyMinutes * 60;
          const history = await fetchKlineHistory({ restUrl: deps.restUrl, symbol, fromSec, toSec, fetchImpl: deps.fetchImpl, signal });
          if (signal.aborted) return;
          const t = now();
          for (const kline of history.klines) candles.publish(restKlineToCandle(symbol, kline, t, deps.source));
          deps.metrics.candlesBackfilled.inc({ symbol }, history.klines.length);
          logger.info({ symbol, candles: history.klines.length, pages: history.pages, malformed: history.malformed }, "candle history queued");
          return;
        } catch (error) {
          if (signal.aborted) return;
          logger.warn({ symbol, attempt, err: error instanceof Error ? error.message : String(error) }, "candle history fetch failed");
          // Ends early, without an error, when the service stops.
          await delay(1_000 * attempt, undefined, { signal }).catch(() => undefined);
        }
      }
    } finally {
      // Live updates seen during the fetch go after the history, so the newest version wins.
      const held = heldKlines.get(symbol);
      heldKlines.delete(symbol);
      for (const candle of held?.values() ?? []) candles.publish(candle);
    }
  }

  return {
    start() {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      void Promise.all(deps.markets.map((symbol) => backfill(symbol, current.signal)));
    },
    abort() {
      controller?.abort();
    },
    relay(candle) {
      const held = heldKlines.get(candle.symbol);
      if (held) held.set(candle.time, candle);
      else candles.publish(candle);
    },
  };
}
