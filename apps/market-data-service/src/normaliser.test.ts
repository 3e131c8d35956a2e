import { ZMarketUpdate } from "@repo/shared-types/market";
import { describe, expect, it } from "vitest";
import type { BookTickerFrame, TickerFrame, TradeFrame } from "./backpack/frames";
import { MarketNormaliser } from "./normaliser";

let updateId = 0;
const book = (bid: string | null, ask: string | null, eventMs = 1_000, u = String((updateId += 1))): BookTickerFrame => ({
  kind: "bookTicker",
  symbol: "SOL_USDC",
  bid,
  ask,
  bidQty: "1",
  askQty: "1",
  eventMs,
  updateId: u,
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

  it("keeps the book's timestamp when streams interleave", () => {
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

  it("stamps a message with its book's time, not the trade or ticker frame's", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack", { now: () => 10_000 });
    n.apply(book("98.96", "98.97", 5_000));
    expect(n.apply(trade("98.98", 9_000))).toMatchObject({ ok: true, update: { timestamp: 5_000 } });
    expect(n.apply(ticker("98.98", "1", 9_500))).toMatchObject({ ok: true, update: { timestamp: 5_000 } });
  });

  it("drops an out-of-order bookTicker whose update id is not above the last one, until the link resets", () => {
    const n = new MarketNormaliser(["SOL_USDC"], "backpack");
    expect(n.apply(book("98.96", "98.97", 2_000, "4330360996")).ok).toBe(true);
    expect(n.apply(book("90.00", "90.01", 2_001, "4330360995"))).toEqual({ ok: false, reason: "stale-update-id" });
    expect(n.apply(book("90.00", "90.01", 2_001, "4330360996"))).toEqual({ ok: false, reason: "stale-update-id" });
    expect(n.quote("SOL_USDC")).toEqual({ bid: "98.96", ask: "98.97" });
    n.resetQuotes();
    expect(n.apply(book("97.00", "97.01", 3_000, "17")).ok).toBe(true);
  });

  it("does not re-publish a book older than staleBookMs when a trade arrives", () => {
    let now = 10_000;
    const n = new MarketNormaliser(["SOL_USDC"], "backpack", { now: () => now, staleBookMs: 10_000 });
    n.apply(book("98.96", "98.97", 10_000));
    now = 20_001;
    expect(n.apply(trade("98.98", 20_001))).toEqual({ ok: false, reason: "stale-book" });
    expect(n.apply(book("98.97", "98.98", 20_001)).ok).toBe(true);
  });

  it("refuses a far-future frame without letting it freeze later real ones", () => {
    const now = 1_000_000;
    const n = new MarketNormaliser(["SOL_USDC"], "backpack", { now: () => now, maxClockSkewMs: 2_000 });
    expect(n.apply(book("98.96", "98.97", now + 3_600_000))).toEqual({ ok: false, reason: "future-timestamp" });
    expect(n.apply(book("98.96", "98.97", now))).toMatchObject({ ok: true, update: { timestamp: now } });
    expect(n.apply(trade("98.99", now + 3_600_000))).toEqual({ ok: false, reason: "future-timestamp" });
    expect(n.apply(book("98.97", "98.98", now + 1))).toMatchObject({ ok: true, update: { timestamp: now + 1 } });
    expect(n.apply(book("98.97", "98.98", now + 1_999)).ok).toBe(true);
  });
});
