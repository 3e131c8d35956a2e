import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TFeedSource } from "@repo/shared-types/market";
import type { KlineFrame } from "../backpack/frames";
import type { RestKline } from "../backpack/parse-rest-klines";

/** A live `kline.1m` frame as the `backpack-candles` message (a null volume means no trades: "0"). */
export function klineFrameToCandle(frame: KlineFrame, source: TFeedSource): TCandleMessage {
  return {
    schemaVersion: 1,
    symbol: frame.symbol,
    interval: "1m",
    time: frame.startSec,
    open: frame.open,
    high: frame.high,
    low: frame.low,
    close: frame.close,
    volume: frame.volume ?? "0",
    closed: frame.closed,
    source,
  };
}

/** A REST kline row as the `backpack-candles` message; `closed` once its end is in the past. */
export function restKlineToCandle(symbol: string, kline: RestKline, nowMs: number, source: TFeedSource): TCandleMessage {
  return {
    schemaVersion: 1,
    symbol,
    interval: "1m",
    time: kline.startSec,
    open: kline.open,
    high: kline.high,
    low: kline.low,
    close: kline.close,
    volume: kline.volume,
    closed: kline.endSec * 1000 <= nowMs,
    source,
  };
}
