/** Typed payloads of the Backpack streams this service consumes (backpack-protocol.md §3). */

export interface BookTickerFrame {
  kind: "bookTicker";
  symbol: string;
  /** Best bid / ask as sent (strings, possibly empty or missing when a side is empty). */
  bid: string | null;
  ask: string | null;
  bidQty: string | null;
  askQty: string | null;
  /** Event time, unix ms. */
  eventMs: number;
  /** Update id; the wire sends a number, the OAS example a string. */
  updateId: string;
}

export interface TickerFrame {
  kind: "ticker";
  symbol: string;
  eventMs: number;
  open: string;
  close: string;
  high: string;
  low: string;
  /** 24 h base volume. */
  volume: string;
  quoteVolume: string;
  trades: number;
}

export interface TradeFrame {
  kind: "trade";
  symbol: string;
  eventMs: number;
  price: string;
  quantity: string;
  tradeId: number;
  buyerIsMaker: boolean;
}

export interface KlineFrame {
  kind: "kline";
  symbol: string;
  interval: string;
  eventMs: number;
  /** Candle start, unix seconds (from the naive UTC `t`). */
  startSec: number;
  /** Exclusive close, unix seconds (from `T`). */
  endSec: number;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string | null;
  /** null for a candle without trades, like the prices. */
  volume: string | null;
  trades: number;
  closed: boolean;
}

/** `{"id":null,"error":{...}}`, e.g. 4006 "Invalid stream". */
export interface ErrorFrame {
  kind: "error";
  code: number | null;
  message: string;
}

/** A valid frame of a stream this service does not use (depth, markPrice, ...). */
export interface IgnoredFrame {
  kind: "ignored";
  stream: string;
  reason: string;
}

/** Not JSON, or a known stream whose payload does not match the documented shape. */
export interface MalformedFrame {
  kind: "malformed";
  stream: string | null;
  reason: string;
}

export type MarketFrame = BookTickerFrame | TickerFrame | TradeFrame | KlineFrame;
export type ParsedFrame = MarketFrame | ErrorFrame | IgnoredFrame | MalformedFrame;
