import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFrame } from "./parse-frame";

// Real frames from the live Backpack feed (BBGO capture), committed with the package.
const realFrames = readFileSync(new URL("./fixtures/backpack-ws-frames.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0);

function realFrame(stream: string, index = 0): string {
  const frame = realFrames.filter((line) => (JSON.parse(line) as { stream: string }).stream === stream)[index];
  if (frame === undefined) throw new Error(`fixture has no ${stream} #${index}`);
  return frame;
}

describe("parseFrame on real Backpack frames", () => {
  it("parses a bookTicker with string prices, µs times to ms by integer division and numeric u", () => {
    expect(parseFrame(realFrame("bookTicker.SOL_USDC"))).toEqual({
      kind: "bookTicker",
      symbol: "SOL_USDC",
      bid: "98.96",
      ask: "98.97",
      bidQty: "288.77",
      askQty: "22.39",
      eventMs: 1788367430247,
      updateId: "4330360995",
    });
  });

  it("accepts bookTicker u as a string (the OAS example) and as a number (the wire)", () => {
    const frame = JSON.parse(realFrame("bookTicker.SOL_USDC")) as { data: Record<string, unknown> };
    frame.data.u = "4330360995";
    const parsed = parseFrame(JSON.stringify(frame));
    expect(parsed).toMatchObject({ kind: "bookTicker", updateId: "4330360995" });
  });

  it("parses a ticker (no T field) keeping every decimal string exactly", () => {
    expect(parseFrame(realFrame("ticker.SOL_USDC"))).toEqual({
      kind: "ticker",
      symbol: "SOL_USDC",
      eventMs: 1788367430549,
      open: "100.87",
      close: "98.98",
      high: "101.19",
      low: "97.38",
      volume: "15089.56",
      quoteVolume: "1498114.9234",
      trades: 6796,
    });
  });

  it("parses a trade with string order ids and the maker flag", () => {
    expect(parseFrame(realFrame("trade.SOL_USDC"))).toEqual({
      kind: "trade",
      symbol: "SOL_USDC",
      eventMs: 1788367469346,
      price: "98.98",
      quantity: "5.14",
      tradeId: 381737933,
      buyerIsMaker: false,
    });
  });

  it("parses a kline with naive UTC t/T strings into unix seconds", () => {
    expect(parseFrame(realFrame("kline.1m.SOL_USDC", 1))).toEqual({
      kind: "kline",
      symbol: "SOL_USDC",
      interval: "1m",
      eventMs: 1788367469510,
      startSec: Date.UTC(2026, 8, 2, 16, 44) / 1000,
      endSec: Date.UTC(2026, 8, 2, 16, 45) / 1000,
      open: "98.98",
      high: "98.98",
      low: "98.98",
      close: "98.98",
      volume: "5.14",
      trades: 1,
      closed: false,
    });
  });

  it("keeps null OHLC and volume of a closed kline without trades as null", () => {
    expect(parseFrame(realFrame("kline.1m.SOL_USDC", 0))).toMatchObject({
      kind: "kline",
      closed: true,
      open: null,
      high: null,
      low: null,
      close: null,
      volume: null,
      trades: 0,
    });
  });

  it("ignores depth and markPrice frames gracefully", () => {
    expect(parseFrame(realFrame("depth.SOL_USDC"))).toMatchObject({ kind: "ignored", stream: "depth.SOL_USDC" });
    expect(parseFrame(realFrame("markPrice.SOL_USDC_PERP"))).toMatchObject({ kind: "ignored", stream: "markPrice.SOL_USDC_PERP" });
  });

  it("classifies every committed real frame without a malformed result", () => {
    const kinds = realFrames.map((line) => parseFrame(line).kind);
    expect(kinds).not.toContain("malformed");
    expect(new Set(kinds)).toEqual(new Set(["bookTicker", "ticker", "trade", "kline", "ignored"]));
  });
});

describe("parseFrame on error and malformed frames", () => {
  it("parses the 4006 error frame", () => {
    expect(parseFrame('{"id":null,"error":{"code":4006,"message":"Invalid stream"}}')).toEqual({
      kind: "error",
      code: 4006,
      message: "Invalid stream",
    });
  });

  it("ignores a frame without data (Backpack sends no acks, clients skip such frames)", () => {
    expect(parseFrame('{"id":1,"result":null}').kind).toBe("ignored");
  });

  it.each([
    ["not JSON", "{not json"],
    ["a JSON array", "[1,2]"],
    ["a JSON string", '"hello"'],
    ["data without stream", '{"data":{"e":"bookTicker"}}'],
    ["data not an object", '{"data":5,"stream":"bookTicker.SOL_USDC"}'],
    [
      "a numeric price",
      '{"data":{"E":1788367469346470,"T":1,"e":"trade","m":false,"p":98.98,"q":"5.14","s":"SOL_USDC","t":1},"stream":"trade.SOL_USDC"}',
    ],
    ["a float E", '{"data":{"E":1.5,"V":"1","c":"1","e":"ticker","h":"1","l":"1","n":1,"o":"1","s":"SOL_USDC","v":"1"},"stream":"ticker.SOL_USDC"}'],
    ["a symbol not matching the stream", '{"data":{"E":1,"V":"1","c":"1","e":"ticker","h":"1","l":"1","n":1,"o":"1","s":"BTC_USDC","v":"1"},"stream":"ticker.SOL_USDC"}'],
    [
      "a kline time with a Z",
      '{"data":{"E":1,"e":"kline","s":"SOL_USDC","T":"2026-09-02T16:45:00Z","X":false,"c":"1","h":"1","l":"1","n":1,"o":"1","t":"2026-09-02T16:44:00","v":"1"},"stream":"kline.1m.SOL_USDC"}',
    ],
    ["a bookTicker without u", '{"data":{"A":"1","B":"1","E":1,"T":1,"a":"2","b":"1","e":"bookTicker","s":"SOL_USDC"},"stream":"bookTicker.SOL_USDC"}'],
  ])("returns malformed (never throws) for %s", (_name, raw) => {
    expect(parseFrame(raw).kind).toBe("malformed");
  });

  it("keeps a bookTicker with an empty side, leaving that side null for the normaliser to reject", () => {
    const parsed = parseFrame(
      '{"data":{"A":"1","B":"1","E":1788367430247487,"T":1,"a":"","b":"98.96","e":"bookTicker","s":"SOL_USDC","u":1},"stream":"bookTicker.SOL_USDC"}',
    );
    expect(parsed).toMatchObject({ kind: "bookTicker", bid: "98.96", ask: null });
  });
});
