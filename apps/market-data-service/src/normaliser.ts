import { isPositiveDecimal, midpoint } from "@repo/shared-types/decimal";
import type { TFeedSource, TMarketUpdate } from "@repo/shared-types/market";
import type { BookTickerFrame, TickerFrame, TradeFrame } from "./backpack/frames";
import { isValidQuote } from "./valid-quote";

interface SymbolState {
  bid: string | null;
  ask: string | null;
  lastTrade: string | null;
  tickerClose: string | null;
  volume: string | null;
  /** The current book's own time (its bookTicker's event time): what a message is stamped with. */
  bookMs: number;
  /** The current book's update id `u`; later books must carry a larger one on this link. */
  bookUpdateId: bigint | null;
}

export interface NormaliserOptions {
  /** Local clock (unix ms); default Date.now. */
  now?: () => number;
  /** Frames stamped more than this far ahead of `now` are refused (default 2000, MAX_CLOCK_SKEW_MS). */
  maxClockSkewMs?: number;
  /** A book older than this (by `now`) is not re-published by trade/ticker frames (STALE_LINK_MS); default never. */
  staleBookMs?: number;
}

export type NormaliserInput = BookTickerFrame | TickerFrame | TradeFrame;

/** Why a frame produced no message (counted by the caller). */
export type NormaliseSkip =
  | "untracked-symbol"
  | "no-quote"
  | "invalid-quote"
  | "invalid-trade"
  /** Stamped beyond the clock skew: a bad exchange clock must not become the book's time. */
  | "future-timestamp"
  /** A bookTicker whose `u` is not above the last one on this link: an older book. */
  | "stale-update-id"
  /** A trade/ticker frame over a book older than staleBookMs: that book is no longer news. */
  | "stale-book";

export type NormaliseResult = { ok: true; update: TMarketUpdate } | { ok: false; reason: NormaliseSkip };

/**
 * Folds bookTicker, ticker and trade frames into the Kafka market message (architecture.md §3).
 * Per symbol: bid/ask from the latest bookTicker, price from the latest trade, else ticker `c`,
 * else the exact mid; volume from ticker (else "0"). Nothing is emitted until a valid quote
 * (positive bid ≤ ask) exists; a bookTicker with a missing, zero or crossed side clears the quote,
 * because the previous one is no longer the book.
 *
 * A message is stamped with its book's own time, not the time of the trade or ticker frame that
 * caused it: re-sending the last bid/ask under a new time would make a stalled book look fresh.
 */
export class MarketNormaliser {
  private readonly states = new Map<string, SymbolState>();
  private readonly now: () => number;
  private readonly maxClockSkewMs: number;
  private readonly staleBookMs: number;

  constructor(
    symbols: readonly string[],
    private source: TFeedSource,
    options: NormaliserOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxClockSkewMs = options.maxClockSkewMs ?? 2_000;
    this.staleBookMs = options.staleBookMs ?? Number.POSITIVE_INFINITY;
    for (const symbol of symbols) {
      this.states.set(symbol, {
        bid: null,
        ask: null,
        lastTrade: null,
        tickerClose: null,
        volume: null,
        bookMs: 0,
        bookUpdateId: null,
      });
    }
  }

  setSource(source: TFeedSource): void {
    this.source = source;
  }

  /** The latest valid quote per symbol (null until one arrived). */
  quote(symbol: string): { bid: string; ask: string } | null {
    const state = this.states.get(symbol);
    if (!state || state.bid === null || state.ask === null) return null;
    return { bid: state.bid, ask: state.ask };
  }

  apply(frame: NormaliserInput): NormaliseResult {
    const state = this.states.get(frame.symbol);
    if (!state) return { ok: false, reason: "untracked-symbol" };
    const now = this.now();
    // Refused before it touches any state, so one bad exchange clock cannot freeze later frames.
    if (frame.eventMs - now > this.maxClockSkewMs) return { ok: false, reason: "future-timestamp" };
    switch (frame.kind) {
      case "bookTicker": {
        const updateId = BigInt(frame.updateId);
        if (state.bookUpdateId !== null && updateId <= state.bookUpdateId) return { ok: false, reason: "stale-update-id" };
        state.bookUpdateId = updateId;
        if (!isValidQuote(frame.bid, frame.ask)) {
          state.bid = null;
          state.ask = null;
          return { ok: false, reason: "invalid-quote" };
        }
        state.bid = frame.bid;
        state.ask = frame.ask;
        state.bookMs = frame.eventMs;
        break;
      }
      case "trade":
        if (!isPositiveDecimal(frame.price)) return { ok: false, reason: "invalid-trade" };
        state.lastTrade = frame.price;
        break;
      case "ticker":
        state.tickerClose = isPositiveDecimal(frame.close) ? frame.close : null;
        state.volume = frame.volume;
        break;
    }
    const { bid, ask } = state;
    if (bid === null || ask === null) return { ok: false, reason: "no-quote" };
    const timestamp = state.bookMs;
    if (frame.kind !== "bookTicker" && now - timestamp > this.staleBookMs) return { ok: false, reason: "stale-book" };
    return {
      ok: true,
      update: {
        schemaVersion: 1,
        symbol: frame.symbol,
        price: state.lastTrade ?? state.tickerClose ?? midpoint(bid, ask),
        bid,
        ask,
        volume: state.volume ?? "0",
        timestamp,
        source: this.source,
      },
    };
  }

  /**
   * Forgets quotes and last prices when the link drops: after a reconnect a ticker frame may come
   * before the first bookTicker, and the old book must not go out under a new timestamp.
   */
  resetQuotes(): void {
    for (const state of this.states.values()) {
      state.bid = null;
      state.ask = null;
      state.lastTrade = null;
      state.tickerClose = null;
      // Update ids are per link: a new connection may start its sequence anywhere.
      state.bookUpdateId = null;
      state.bookMs = 0;
    }
  }
}
