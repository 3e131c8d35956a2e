import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { parseFrame } from "../backpack/parse-frame";
import { parseRestKlines } from "../backpack/parse-rest-klines";
import { rawDataToString } from "./raw-data-to-string";
import { createSimulator, type BackpackSimulator } from "@repo/backpack-simulator/simulator";

let simulator: BackpackSimulator;
let urls: { wsUrl: string; restUrl: string };
const sockets: WebSocket[] = [];

beforeEach(async () => {
  simulator = createSimulator({ seed: 11 });
  urls = await simulator.listen(0);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await simulator.close();
});

async function subscribe(params: string[]): Promise<{ socket: WebSocket; frames: string[] }> {
  const socket = new WebSocket(urls.wsUrl);
  sockets.push(socket);
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(rawDataToString(data)));
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ method: "SUBSCRIBE", params }));
  return { socket, frames };
}

const post = (path: string, body: unknown) =>
  fetch(`${urls.restUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("Backpack simulator WebSocket", () => {
  it("streams bookTicker, ticker, trade and kline.1m frames in Backpack's wire format and key order", async () => {
    const { frames } = await subscribe(["bookTicker.SOL_USDC", "ticker.SOL_USDC", "trade.SOL_USDC", "kline.1m.SOL_USDC"]);
    await vi.waitFor(() => {
      const streams = new Set(frames.map((f) => (JSON.parse(f) as { stream: string }).stream));
      expect(streams).toEqual(new Set(["bookTicker.SOL_USDC", "ticker.SOL_USDC", "trade.SOL_USDC", "kline.1m.SOL_USDC"]));
    }, { timeout: 8_000 });
    const keysOf = (stream: string) => {
      const frame = frames.find((f) => f.includes(`"stream":"${stream}"`)) ?? "";
      const parsed = JSON.parse(frame) as { data: Record<string, unknown> };
      return { envelope: Object.keys(JSON.parse(frame) as object), data: Object.keys(parsed.data), parsed };
    };
    expect(keysOf("bookTicker.SOL_USDC").envelope).toEqual(["data", "stream"]);
    expect(keysOf("bookTicker.SOL_USDC").data).toEqual(["A", "B", "E", "T", "a", "b", "e", "s", "u"]);
    expect(keysOf("ticker.SOL_USDC").data).toEqual(["E", "V", "c", "e", "h", "l", "n", "o", "s", "v"]);
    expect(keysOf("trade.SOL_USDC").data).toEqual(["E", "T", "a", "b", "e", "m", "p", "q", "s", "t"]);
    expect(keysOf("kline.1m.SOL_USDC").data).toEqual(["E", "e", "s", "T", "X", "c", "h", "l", "n", "o", "t", "v"]);
    const book = keysOf("bookTicker.SOL_USDC").parsed.data;
    expect(book.b).toMatch(/^\d+\.\d{2}$/);
    expect(Number.isSafeInteger(book.E) && String(book.E).length === 16).toBe(true);
    expect(typeof book.u).toBe("number");
    // Everything the simulator sends, our own parser (tested on real frames) accepts.
    expect(frames.map((f) => parseFrame(f).kind)).not.toContain("malformed");
  });

  it("answers an unknown stream with the 4006 error frame and sends nothing on success", async () => {
    const { frames } = await subscribe(["depth.SOL_USDC", "bookTicker.DOGE_USDC"]);
    await vi.waitFor(() => expect(frames).toContain('{"id":null,"error":{"code":4006,"message":"Invalid stream"}}'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(frames).toHaveLength(1);
  });

  it("stops a stream after UNSUBSCRIBE", async () => {
    const { socket, frames } = await subscribe(["bookTicker.BTC_USDC"]);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
    socket.send(JSON.stringify({ method: "UNSUBSCRIBE", params: ["bookTicker.BTC_USDC"] }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const count = frames.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(frames.length).toBe(count);
  });
});

describe("Backpack simulator REST", () => {
  it("serves ≥ 24 h of 1m klines in Backpack's REST format, at most 1000 per call, pageable by startTime", async () => {
    const now = Math.floor(Date.now() / 1000);
    const from = now - 25 * 3_600;
    const first = await fetch(`${urls.restUrl}/api/v1/klines?symbol=ETH_USDC&interval=1m&startTime=${from}&endTime=${now}`);
    const firstBody = (await first.json()) as Record<string, unknown>[];
    expect(firstBody).toHaveLength(1_000);
    expect(Object.keys(firstBody[0] ?? {})).toEqual(["close", "end", "high", "low", "open", "quoteVolume", "start", "trades", "volume"]);
    expect(firstBody[0]?.start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/);
    expect(typeof firstBody[0]?.trades).toBe("string");
    const page1 = parseRestKlines(firstBody);
    const next = (page1.klines.at(-1)?.startSec ?? 0) + 60;
    const second = parseRestKlines(await (await fetch(`${urls.restUrl}/api/v1/klines?symbol=ETH_USDC&interval=1m&startTime=${next}&endTime=${now}`)).json());
    const all = [...page1.klines, ...second.klines];
    expect(page1.malformed + second.malformed).toBe(0);
    expect(all.length).toBeGreaterThanOrEqual(1_440);
    for (let i = 1; i < all.length; i += 1) expect((all[i]?.startSec ?? 0) - (all[i - 1]?.startSec ?? 0)).toBe(60);
  });

  it("ends the history at the live price (the last candle's close is near the quote)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const rows = parseRestKlines(await (await fetch(`${urls.restUrl}/api/v1/klines?symbol=BTC_USDC&interval=1m&startTime=${now - 600}`)).json()).klines;
    const lastClose = Number([...rows].reverse().find((k) => k.close !== null)?.close);
    const bid = Number(simulator.state().markets.BTC_USDC?.bid);
    expect(Math.abs(lastClose - bid) / bid).toBeLessThan(0.01);
  });

  it("answers an unknown symbol with Backpack's error body and serves ticker and markets", async () => {
    const bad = await fetch(`${urls.restUrl}/api/v1/klines?symbol=NOPE_USDC&interval=1m&startTime=1`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: "INVALID_SYMBOL", message: "Invalid symbol" });
    const ticker = (await (await fetch(`${urls.restUrl}/api/v1/ticker?symbol=SOL_USDC`)).json()) as Record<string, unknown>;
    expect(Object.keys(ticker)).toEqual(["symbol", "firstPrice", "lastPrice", "priceChange", "priceChangePercent", "high", "low", "volume", "quoteVolume", "trades"]);
    const markets = (await (await fetch(`${urls.restUrl}/api/v1/markets`)).json()) as { symbol: string; filters: { price: { tickSize: string } } }[];
    expect(markets.map((m) => [m.symbol, m.filters.price.tickSize])).toEqual([
      ["SOL_USDC", "0.01"],
      ["BTC_USDC", "0.1"],
      ["ETH_USDC", "0.01"],
    ]);
  });
});

describe("Backpack simulator control API (HTTP)", () => {
  it("sets a quote exactly and holds it", async () => {
    const { frames } = await subscribe(["bookTicker.SOL_USDC"]);
    const response = await post("/_control/quote", { symbol: "SOL_USDC", bid: "150.49", ask: "150.51" });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(frames.some((f) => f.includes('"a":"150.51","b":"150.49"'))).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(simulator.state().markets.SOL_USDC).toMatchObject({ bid: "150.49", ask: "150.51", held: true });
  });

  it("rejects a bad quote with 400", async () => {
    expect((await post("/_control/quote", { symbol: "SOL_USDC", bid: "150.499", ask: "150.51" })).status).toBe(400);
    expect((await post("/_control/quote", { symbol: "SOL_USDC", bid: "151", ask: "150" })).status).toBe(400);
  });

  it("plays a 60 % crash over 2 s", async () => {
    simulator.setQuote("ETH_USDC", "3000.00", "3000.02");
    const started = Date.now();
    const response = await post("/_control/path", { symbol: "ETH_USDC", pct: -60, durationMs: 2_000, wait: true });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const bid = Number(simulator.state().markets.ETH_USDC?.bid);
    expect(bid).toBeGreaterThan(1_199);
    expect(bid).toBeLessThan(1_201);
  });

  it("prints trades all along a 60 % crash, so kline.1m, ticker and REST klines reach the path's lowest bid", async () => {
    const { frames } = await subscribe(["bookTicker.SOL_USDC", "trade.SOL_USDC", "kline.1m.SOL_USDC", "ticker.SOL_USDC"]);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
    // SOL prices have exactly two decimals: compare them as integer ticks.
    const ticks = (price: unknown) => Number(String(price).replace(".", ""));
    const parsed = () => frames.map((f) => JSON.parse(f) as { stream: string; data: Record<string, unknown> });
    const startSec = Math.floor(Date.now() / 1000);
    const from = frames.length;
    await simulator.playPath("SOL_USDC", { pct: -60, durationMs: 2_000 });
    // The path's last frames may still be on the wire: wait for the held final quote and its trade.
    const finalBid = ticks(simulator.state().markets.SOL_USDC?.bid);
    const isFinal = (f: { stream: string; data: Record<string, unknown> }) =>
      (f.stream.startsWith("bookTicker.") && ticks(f.data.b) === finalBid) || (f.stream.startsWith("trade.") && ticks(f.data.p) === finalBid);
    await vi.waitFor(() => expect(parsed().slice(from).filter(isFinal).length).toBeGreaterThanOrEqual(2));
    const to = frames.length;
    const during = parsed().slice(from, to);
    const lowestBid = Math.min(...during.filter((f) => f.stream.startsWith("bookTicker.")).map((f) => ticks(f.data.b)));
    const trades = during.filter((f) => f.stream.startsWith("trade.")).map((f) => ticks(f.data.p));
    const books = during.filter((f) => f.stream.startsWith("bookTicker.")).length;
    expect(lowestBid).toBe(finalBid);
    expect(trades.length).toBeGreaterThanOrEqual(books);
    expect(Math.min(...trades)).toBe(lowestBid);
    // A real crash prints all the way down: no jump between consecutive trades above 1 % of the start (one per step was ~3 %).
    const gaps = trades.slice(1).map((p, i) => Math.abs(p - (trades[i] ?? p)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil((trades[0] ?? 0) * 0.01));
    // From the path's start: the kline and ticker frames that carry the low may arrive before or
    // after the final trade, and a held quote prints nothing more.
    const lowAfter = (prefix: string) =>
      Math.min(...parsed().slice(from).filter((f) => f.stream.startsWith(prefix)).map((f) => ticks(f.data.l)));
    await vi.waitFor(() => {
      expect(Math.abs(lowAfter("kline.1m.") - lowestBid)).toBeLessThanOrEqual(1);
      expect(Math.abs(lowAfter("ticker.") - lowestBid)).toBeLessThanOrEqual(1);
    }, { timeout: 3_000 });
    const rows = parseRestKlines(await (await fetch(`${urls.restUrl}/api/v1/klines?symbol=SOL_USDC&interval=1m&startTime=${startSec - 60}`)).json()).klines;
    const restLow = Math.min(...rows.filter((k) => k.startSec + 60 > startSec && k.low !== null).map((k) => ticks(k.low)));
    expect(Math.abs(restLow - lowestBid)).toBeLessThanOrEqual(1);
  });

  it("goes silent with the socket open, then resumes", async () => {
    const { socket, frames } = await subscribe(["bookTicker.SOL_USDC", "bookTicker.BTC_USDC"]);
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
    await post("/_control/silence", { on: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = frames.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(frames.length).toBe(count);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    await post("/_control/silence", { on: false });
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(count));
  });

  it("drops every connection and refuses new ones for refuseMs", async () => {
    const { socket } = await subscribe(["bookTicker.SOL_USDC"]);
    const closed = new Promise((resolve) => socket.once("close", resolve));
    const body = (await (await post("/_control/drop", { refuseMs: 1_000 })).json()) as { dropped: number };
    expect(body.dropped).toBe(1);
    await closed;
    const refused = new WebSocket(urls.wsUrl);
    sockets.push(refused);
    await new Promise<void>((resolve) => {
      refused.once("error", () => resolve());
      refused.once("unexpected-response", (_req, res) => {
        expect(res.statusCode).toBe(503);
        resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await subscribe(["bookTicker.SOL_USDC"]);
    expect(simulator.connectionCount()).toBe(1);
  });
});
