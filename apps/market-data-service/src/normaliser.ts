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
  lastTimestamp: number;
}

export type NormaliserInput = BookTickerFrame | TickerFrame | TradeFrame;

/** Why a frame produced no message (counted by the caller). */
export type NormaliseSkip = "untracked-symbol" | "no-quote" | "invalid-quote" | "invalid-trade";

export type NormaliseResult = { ok: true; update: TMarketUpdate } | { ok: false; reason: NormaliseSkip };

/**
 * Folds bookTicker, ticker and trade frames into the Kafka market message (architecture.md §3).
 * Per symbol: bid/ask from the latest bookTicker, price from the latest trade, else ticker `c`,
 * else the exact mid; volume from ticker (else "0"). Nothing is emitted until a valid quote
 * (positive bid ≤ ask) exists; a bookTicker with a missing, zero or crossed side clears the quote,
 * because the previous one is no longer the book.
 */
export class MarketNormaliser {
  private readonly states = new Map<string, SymbolState>();

  constructor(
    symbols: readonly string[],
    private source: TFeedSource,
  ) {
    for (const symbol of symbols) {
      this.states.set(symbol, { bid: null, ask: null, lastTrade: null, tickerClose: null, volume: null, lastTimestamp: 0 });
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
    switch (frame.kind) {
      case "bookTicker":
        if (!isValidQuote(frame.bid, frame.ask)) {
          state.bid = null;
          state.ask = null;
          return { ok: false, reason: "invalid-quote" };
        }
        state.bid = frame.bid;
        state.ask = frame.ask;
        break;
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
    // Frames of different streams can carry slightly out-of-order event times; consumers read the
    // timestamp as "how fresh is this state", so it never goes backwards for a symbol.
    const timestamp = Math.max(state.lastTimestamp, frame.eventMs);
    state.lastTimestamp = timestamp;
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
    }
  }
}
