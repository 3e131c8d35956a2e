import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("engine env: price integrity settings", () => {
  it("should default MAX_CLOCK_SKEW_MS to 2000 and PRICE_BAND_PCT to 10 % (1000 basis points)", () => {
    const env = parseEnv({});
    expect(env.MAX_CLOCK_SKEW_MS).toBe(2_000);
    expect(env.PRICE_BAND_PCT).toBe(1_000);
  });

  it("should read PRICE_BAND_PCT with up to two decimals as exact basis points, 0 turning it off", () => {
    expect(parseEnv({ PRICE_BAND_PCT: "7.5" }).PRICE_BAND_PCT).toBe(750);
    expect(parseEnv({ PRICE_BAND_PCT: "0.25" }).PRICE_BAND_PCT).toBe(25);
    expect(parseEnv({ PRICE_BAND_PCT: "0" }).PRICE_BAND_PCT).toBe(0);
  });

  it("should refuse a malformed band or a negative skew, naming the variable", () => {
    expect(() => parseEnv({ PRICE_BAND_PCT: "1e1" })).toThrow(/PRICE_BAND_PCT/);
    expect(() => parseEnv({ PRICE_BAND_PCT: "10.125" })).toThrow(/PRICE_BAND_PCT/);
    expect(() => parseEnv({ MAX_CLOCK_SKEW_MS: "-1" })).toThrow(/MAX_CLOCK_SKEW_MS/);
  });
});
