import { describe, expect, it } from "vitest";
import { bollinger, ema, rsi, sma } from "./indicators";

const bars = (closes: number[]) => closes.map((close, i) => ({ time: 60 * (i + 1), close }));
const values = (points: { value: number }[]) => points.map((p) => p.value);

describe("sma", () => {
  it("should average each window of period closes, starting at the period-th candle", () => {
    const out = sma(bars([1, 2, 3, 4, 5]), 3);
    expect(out.map((p) => p.time)).toEqual([180, 240, 300]);
    expect(values(out)).toEqual([2, 3, 4]);
  });

  it("should be empty when there are fewer candles than the period", () => {
    expect(sma(bars([1, 2]), 3)).toEqual([]);
  });

  it("should reject a period that is not a positive integer", () => {
    expect(() => sma(bars([1]), 0)).toThrow(RangeError);
  });
});

describe("ema", () => {
  it("should seed with the SMA and then weight each close by 2 / (period + 1)", () => {
    // period 3 → k = 0.5; seed (2 + 4 + 6) / 3 = 4; then 8·0.5 + 4·0.5 = 6; 10·0.5 + 6·0.5 = 8.
    const out = ema(bars([2, 4, 6, 8, 10]), 3);
    expect(out.map((p) => p.time)).toEqual([180, 240, 300]);
    expect(values(out)).toEqual([4, 6, 8]);
  });

  it("should be empty when there are fewer candles than the period", () => {
    expect(ema(bars([1, 2]), 3)).toEqual([]);
  });
});

describe("bollinger", () => {
  it("should put the bands width population deviations around the SMA", () => {
    // Window 2,4,4,4,5,5,7,9: mean 5, population σ = 2 → bands 1 and 9 at 2σ.
    const out = bollinger(bars([2, 4, 4, 4, 5, 5, 7, 9]), 8, 2);
    expect(values(out.middle)).toEqual([5]);
    expect(values(out.upper)).toEqual([9]);
    expect(values(out.lower)).toEqual([1]);
    expect(out.upper.map((p) => p.time)).toEqual([480]);
  });

  it("should default to 20 periods and collapse the bands on flat prices", () => {
    const out = bollinger(bars(Array.from({ length: 21 }, () => 10)));
    expect(out.middle).toHaveLength(2);
    expect(values(out.upper)).toEqual([10, 10]);
    expect(values(out.lower)).toEqual([10, 10]);
  });
});

describe("rsi", () => {
  it("should start from plain means of the first period changes and then smooth like Wilder", () => {
    // period 2. Changes: +2, -1, +3, -2.
    // First: gain (2 + 0) / 2 = 1, loss (0 + 1) / 2 = 0.5 → RS 2 → RSI 100 − 100/3.
    // Next (+3): gain (1·1 + 3) / 2 = 2, loss (0.5·1 + 0) / 2 = 0.25 → RS 8 → RSI 100 − 100/9.
    // Next (−2): gain 2 / 2 = 1, loss (0.25 + 2) / 2 = 1.125 → RS 8/9 → RSI 100 − 100/(17/9).
    const out = rsi(bars([10, 12, 11, 14, 12]), 2);
    expect(out.map((p) => p.time)).toEqual([180, 240, 300]);
    const expected = [100 - 100 / 3, 100 - 100 / 9, 100 - 900 / 17];
    expected.forEach((v, i) => expect(out[i]?.value).toBeCloseTo(v, 10));
  });

  it("should default to 14 periods, read 100 when prices only rise and 50 when flat", () => {
    expect(rsi(bars(Array.from({ length: 14 }, (_, i) => i + 1)))).toEqual([]);
    expect(values(rsi(bars(Array.from({ length: 16 }, (_, i) => i + 1))))).toEqual([100, 100]);
    expect(values(rsi(bars(Array.from({ length: 15 }, () => 7))))).toEqual([50]);
  });
});
