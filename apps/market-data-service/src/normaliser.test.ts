import { ZMarketUpdate } from "@repo/shared-types/market";
import { describe, expect, it } from "vitest";
import type { BookTickerFrame, TickerFrame, TradeFrame } from "./backpack/frames";
import { MarketNormaliser } from "./normaliser";

const book = (bid: string | null, ask: string | null, eventMs = 1_000): BookTickerFrame => ({
  kind: "bookTicker",
  symbol: "SOL_USDC",
  bid,
  ask,
  bidQty: "1",
  askQty: "1",
  eventMs,
  updateId: "1",
});
const trade = (price: string, eventMs = 1_000): TradeFrame => ({
  kind: "trade",
  symbol: "SOL_USDC",
  eventMs,
  price,
  quantity: "1",
  tradeId: 1,
  buyerIsMaker: true,
});
const ticker = (close: string, volume: string, eventMs = 1_000): TickerFrame => ({
  kind: "ticker",
  symbol: "SOL_USDC",
  eventMs,
  open: "1",
  close,
  high: "1",
  low: "1",
  volume,
  quoteVolume: "1",
  trades: 1,
});

describe("MarketNormaliser", () => {
  it("publishes nothing before a quote exists", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    expect(n.apply(trade("98.98"))).toEqual({ ok: false, reason: "no-quote" });
    expect(n.apply(ticker("98.98", "15089.56"))).toEqual({ ok: false, reason: "no-quote" });
  });

  it("uses the exact mid and volume 0 when only a quote is known", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "simulator");
    const result = n.apply(book("98.96", "98.97", 1_788_367_430_247));
    expect(result).toEqual({
      ok: true,
      update: {
        schemaVersion: 1,
        symbol: "SOL_USDC",
        price: "98.965",
        bid: "98.96",
        ask: "98.97",
        volume: "0",
        timestamp: 1_788_367_430_247,
        source: "simulator",
      },
    });
    if (result.ok) expect(ZMarketUpdate.safeParse(result.update).success).toBe(true);
  });

  it("prefers the latest trade over ticker c over the mid, and takes volume from the ticker", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    n.apply(book("98.96", "98.97"));
    expect(n.apply(ticker("98.98", "15089.56"))).toMatchObject({ ok: true, update: { price: "98.98", volume: "15089.56" } });
    expect(n.apply(trade("98.99"))).toMatchObject({ ok: true, update: { price: "98.99", volume: "15089.56" } });
    expect(n.apply(ticker("98.50", "15090.00"))).toMatchObject({ ok: true, update: { price: "98.99", volume: "15090.00" } });
  });

  it("never publishes a crossed, zero or one-sided book, and drops the old quote when one arrives", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    n.apply(book("98.96", "98.97"));
    expect(n.apply(book("98.98", "98.97"))).toEqual({ ok: false, reason: "invalid-quote" });
    expect(n.apply(trade("98.98"))).toEqual({ ok: false, reason: "no-quote" });
    expect(n.apply(book("0", "98.97"))).toEqual({ ok: false, reason: "invalid-quote" });
    expect(n.apply(book(null, "98.97"))).toEqual({ ok: false, reason: "invalid-quote" });
    expect(n.apply(book("98.96", "98.97")).ok).toBe(true);
  });

  it("keeps the timestamp non-decreasing when streams interleave", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    n.apply(book("98.96", "98.97", 2_000));
    expect(n.apply(ticker("98.98", "1", 1_999))).toMatchObject({ ok: true, update: { timestamp: 2_000 } });
  });

  it("ignores symbols it does not track and forgets quotes on reset", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    expect(n.apply({ ...book("1", "2"), symbol: "BTC_USDC" })).toEqual({ ok: false, reason: "untracked-symbol" });
    n.apply(book("98.96", "98.97"));
    n.resetQuotes();
    expect(n.apply(ticker("98.98", "1"))).toEqual({ ok: false, reason: "no-quote" });
  });
});
