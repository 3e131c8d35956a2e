import { describe, expect, it } from "vitest";
import { parseIndicators } from "./indicator-series";

describe("parseIndicators", () => {
  it("should keep the known indicator ids in their stored order", () => {
    expect(parseIndicators('["rsi","sma20","volume"]')).toEqual(["rsi", "sma20", "volume"]);
  });

  it("should drop unknown ids, repeats and non-strings", () => {
    expect(parseIndicators('["macd","rsi",3,"rsi",null]')).toEqual(["rsi"]);
  });

  it("should start bare when nothing or garbage is stored", () => {
    expect(parseIndicators(null)).toEqual([]);
    expect(parseIndicators("{not json")).toEqual([]);
    expect(parseIndicators('{"rsi":true}')).toEqual([]);
  });
});
