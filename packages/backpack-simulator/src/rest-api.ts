import { secondsToNaiveUtc } from "./naive-utc";
import type { SimCandle, SimMarket } from "./sim-market";
import { formatDecimal } from "@repo/shared-types/decimal";

/** Largest page `/api/v1/klines` returns; Backpack's cap is undocumented, 1000 is the common one. */
export const KLINES_PAGE_LIMIT = 1_000;

const INTERVAL_SECONDS: Record<string, number> = {
  "1m": 60,
  "3m": 180,
  "5m": 300,
  "15m": 900,
  "30m": 1_800,
  "1h": 3_600,
  "2h": 7_200,
  "4h": 14_400,
  "6h": 21_600,
  "8h": 28_800,
  "12h": 43_200,
  "1d": 86_400,
  "3d": 259_200,
  "1w": 604_800,
};

export interface RestResponse {
  status: number;
  body: unknown;
}

function error(status: number, code: string, message: string): RestResponse {
  return { status, body: { code, message } };
}

function aggregate(candles: SimCandle[], seconds: number): SimCandle[] {
  if (seconds === 60) return candles;
  const out: SimCandle[] = [];
  for (const c of candles) {
    const start = Math.floor(c.start / seconds) * seconds;
    const last = out.at(-1);
    if (!last || last.start !== start) {
      out.push({ ...c, start });
      continue;
    }
    if (c.open !== null) {
      last.open ??= c.open;
      last.high = Math.max(last.high ?? c.open, c.high ?? c.open);
      last.low = Math.min(last.low ?? c.open, c.low ?? c.open);
      last.close = c.close;
    }
    last.volume += c.volume;
    last.quoteVolume += c.quoteVolume;
    last.trades += c.trades;
  }
  return out;
}

/** GET /api/v1/klines in Backpack's format ("YYYY-MM-DD HH:MM:SS", string or null prices, string trades). */
export function klinesResponse(market: SimMarket | undefined, query: URLSearchParams, nowMs: number): RestResponse {
  if (!market) return error(400, "INVALID_SYMBOL", "Invalid symbol");
  const interval = query.get("interval") ?? "";
  const seconds = INTERVAL_SECONDS[interval];
  if (seconds === undefined) return error(400, "INVALID_CLIENT_REQUEST", `Invalid interval "${interval}"`);
  const startText = query.get("startTime");
  if (startText === null || !/^\d+$/.test(startText)) return error(400, "INVALID_CLIENT_REQUEST", "startTime (unix seconds) is required");
  const endText = query.get("endTime");
  if (endText !== null && !/^\d+$/.test(endText)) return error(400, "INVALID_CLIENT_REQUEST", "endTime must be unix seconds");
  const startTime = Number(startText);
  const endTime = endText === null ? Math.floor(nowMs / 1000) + 1 : Number(endText);
  const first = Math.floor(startTime / seconds) * seconds;
  const rows = aggregate(market.candlesBetween(first, endTime), seconds)
    .filter((c) => c.start >= startTime)
    .slice(0, KLINES_PAGE_LIMIT);
  const d = market.spec.priceDecimals;
  const q = market.spec.quantityDecimals;
  const price = (v: number | null): string | null => (v === null ? null : formatDecimal(BigInt(v), d));
  return {
    status: 200,
    body: rows.map((c) => ({
      close: price(c.close),
      end: secondsToNaiveUtc(c.start + seconds, " "),
      high: price(c.high),
      low: price(c.low),
      open: price(c.open),
      quoteVolume: formatDecimal(BigInt(c.quoteVolume), d + q, { trimZeros: true }),
      start: secondsToNaiveUtc(c.start, " "),
      trades: String(c.trades),
      volume: formatDecimal(BigInt(c.volume), q, { trimZeros: true }),
    })),
  };
}

/** (last − first) / first as a fraction with 6 decimals, rounded half away from zero, exactly. */
function changeFraction(first: number, last: number): string {
  if (first === 0) return "0";
  const diff = BigInt(last - first);
  const scaled = diff * 10_000_000n / BigInt(first); // 7 decimals, truncated
  const rounded = (scaled + (scaled >= 0n ? 5n : -5n)) / 10n;
  return formatDecimal(BigInt(rounded), 6);
}

/** GET /api/v1/ticker object (all values strings, no timestamp). */
export function tickerBody(market: SimMarket, nowMs: number): Record<string, string> {
  const t = market.ticker24h(nowMs);
  const d = market.spec.priceDecimals;
  const q = market.spec.quantityDecimals;
  return {
    symbol: market.symbol,
    firstPrice: formatDecimal(BigInt(t.open), d),
    lastPrice: formatDecimal(BigInt(t.close), d),
    priceChange: formatDecimal(BigInt(t.close - t.open), d),
    priceChangePercent: changeFraction(t.open, t.close),
    high: formatDecimal(BigInt(t.high), d),
    low: formatDecimal(BigInt(t.low), d),
    volume: formatDecimal(BigInt(t.volume), q, { trimZeros: true }),
    quoteVolume: formatDecimal(BigInt(t.quoteVolume), d + q, { trimZeros: true }),
    trades: String(t.trades),
  };
}

/** GET /api/v1/markets entry (the fields clients read; decimals as strings). */
export function marketBody(market: SimMarket): Record<string, unknown> {
  const { spec } = market;
  return {
    symbol: spec.symbol,
    baseSymbol: spec.baseSymbol,
    quoteSymbol: spec.quoteSymbol,
    marketType: "SPOT",
    filters: {
      price: { minPrice: formatDecimal(1n, spec.priceDecimals), maxPrice: null, tickSize: formatDecimal(1n, spec.priceDecimals) },
      quantity: { minQuantity: formatDecimal(1n, spec.quantityDecimals), maxQuantity: null, stepSize: formatDecimal(1n, spec.quantityDecimals) },
    },
    orderBookState: "Open",
    visible: true,
    createdAt: "2024-01-01T00:00:00",
  };
}

/** GET /api/v1/depth: a small synthetic book around the quote; both sides ascending like Backpack. */
export function depthBody(market: SimMarket, nowMs: number): Record<string, unknown> {
  const { bid, ask } = market.quoteTicks();
  const d = market.spec.priceDecimals;
  const q = market.spec.quantityDecimals;
  const size = (i: number) => formatDecimal(BigInt(Math.round(market.spec.tradeSize * (5 + i * 3) * 10 ** q)), q);
  const asks = Array.from({ length: 10 }, (_, i) => [formatDecimal(BigInt(ask + i), d), size(i)]);
  const bids = Array.from({ length: 10 }, (_, i) => [formatDecimal(BigInt(Math.max(1, bid - 9 + i)), d), size(9 - i)]);
  return { asks, bids, lastUpdateId: String(Math.floor(nowMs)), timestamp: nowMs * 1000 };
}
