import { describe, expect, it } from "vitest";
import { parseRestKlines } from "./parse-rest-klines";

describe("parseRestKlines", () => {
  it("parses Backpack's documented REST row with space-separated naive UTC times", () => {
    const body = [
      { close: "101.1", end: "2026-09-01 17:24:00", high: "101.13", low: "101.1", open: "101.13", quoteVolume: "44.4906", start: "2026-09-01 17:23:00", trades: "2", volume: "0.44" },
    ];
    expect(parseRestKlines(body)).toEqual({
      klines: [
        {
          startSec: Date.UTC(2026, 8, 1, 17, 23) / 1000,
          endSec: Date.UTC(2026, 8, 1, 17, 24) / 1000,
          open: "101.13",
          high: "101.13",
          low: "101.1",
          close: "101.1",
          volume: "0.44",
        },
      ],
      malformed: 0,
    });
  });

  it("keeps null prices, sorts by start and counts bad rows", () => {
    const result = parseRestKlines([
      { close: "2", end: "2026-09-01 17:25:00", high: "2", low: "2", open: "2", start: "2026-09-01 17:24:00", trades: "1", volume: "1" },
      { close: null, end: "2026-09-01 17:24:00", high: null, low: null, open: null, start: "2026-09-01 17:23:00", trades: "0", volume: "0" },
      { close: 3, end: "2026-09-01 17:26:00", high: "3", low: "3", open: "3", start: "2026-09-01 17:25:00", trades: "1", volume: "1" },
      "junk",
    ]);
    expect(result.malformed).toBe(2);
    expect(result.klines.map((k) => k.close)).toEqual([null, "2"]);
  });

  it("treats a non-array body as one malformed response", () => {
    expect(parseRestKlines({ code: "INVALID_SYMBOL" })).toEqual({ klines: [], malformed: 1 });
  });
});
