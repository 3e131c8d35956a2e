/**
 * Backpack's wire frames, built with the key order of the live feed (backpack-protocol.md §3 and
 * the BBGO capture): `data` before `stream`; inside `data` ASCII order for bookTicker, ticker and
 * trade, and the capture's own order for kline (E, e, s, T, X, c, h, l, n, o, t, v).
 */

export function bookTickerFrame(f: {
  askQty: string;
  bidQty: string;
  E: number;
  T: number;
  ask: string;
  bid: string;
  symbol: string;
  u: number;
}): string {
  return JSON.stringify({
    data: { A: f.askQty, B: f.bidQty, E: f.E, T: f.T, a: f.ask, b: f.bid, e: "bookTicker", s: f.symbol, u: f.u },
    stream: `bookTicker.${f.symbol}`,
  });
}

export function tradeFrame(f: {
  E: number;
  T: number;
  sellerOrderId: string;
  buyerOrderId: string;
  buyerIsMaker: boolean;
  price: string;
  quantity: string;
  symbol: string;
  tradeId: number;
}): string {
  return JSON.stringify({
    data: {
      E: f.E,
      T: f.T,
      a: f.sellerOrderId,
      b: f.buyerOrderId,
      e: "trade",
      m: f.buyerIsMaker,
      p: f.price,
      q: f.quantity,
      s: f.symbol,
      t: f.tradeId,
    },
    stream: `trade.${f.symbol}`,
  });
}

export function tickerFrame(f: {
  E: number;
  quoteVolume: string;
  close: string;
  high: string;
  low: string;
  trades: number;
  open: string;
  symbol: string;
  volume: string;
}): string {
  return JSON.stringify({
    data: { E: f.E, V: f.quoteVolume, c: f.close, e: "ticker", h: f.high, l: f.low, n: f.trades, o: f.open, s: f.symbol, v: f.volume },
    stream: `ticker.${f.symbol}`,
  });
}

export function klineFrame(f: {
  E: number;
  symbol: string;
  end: string;
  closed: boolean;
  close: string | null;
  high: string | null;
  low: string | null;
  trades: number;
  open: string | null;
  start: string;
  volume: string | null;
}): string {
  return JSON.stringify({
    data: {
      E: f.E,
      e: "kline",
      s: f.symbol,
      T: f.end,
      X: f.closed,
      c: f.close,
      h: f.high,
      l: f.low,
      n: f.trades,
      o: f.open,
      t: f.start,
      v: f.volume,
    },
    stream: `kline.1m.${f.symbol}`,
  });
}

export const INVALID_STREAM_FRAME = JSON.stringify({ id: null, error: { code: 4006, message: "Invalid stream" } });
