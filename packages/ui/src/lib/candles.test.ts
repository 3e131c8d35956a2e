import { describe, expect, it } from "vitest";
import { bucketStart, dayChange, mergeTick, type TBar } from "./candles";

const bar: TBar = { time: 1_694_097_600, open: 100, high: 101, low: 99, close: 100.5 };

describe("mergeTick", () => {
  it("should update high, low and close of the bar the tick falls in", () => {
    const up = mergeTick(bar, 102, (bar.time + 30) * 1000, 60);
    expect(up).toEqual({ kind: "update", bar: { ...bar, high: 102, close: 102 } });
    const down = mergeTick(bar, 98, (bar.time + 59) * 1000 + 999, 60);
    expect(down).toEqual({ kind: "update", bar: { ...bar, low: 98, close: 98 } });
  });

  it("should open a new bar at the tick price when the tick is in a later bucket", () => {
    expect(mergeTick(bar, 103, (bar.time + 61) * 1000, 60)).toEqual({
      kind: "append",
      bar: { time: bar.time + 60, open: 103, high: 103, low: 103, close: 103 },
    });
  });

  it("should ignore a tick older than the last bar instead of rewriting history", () => {
    expect(mergeTick(bar, 103, (bar.time - 1) * 1000, 60)).toEqual({ kind: "ignore" });
  });

  it("should bucket by the chart interval", () => {
    expect(bucketStart((1_694_088_000 + 14_399) * 1000, 14_400)).toBe(1_694_088_000);
    expect(mergeTick(bar, 100, (bar.time + 200) * 1000, 300).kind).toBe("update");
    expect(mergeTick(bar, 100, (bar.time + 200) * 1000, 60).kind).toBe("append");
  });

  it("should start a series from an empty chart and ignore nonsense prices", () => {
    expect(mergeTick(undefined, 5, 60_000, 60)).toEqual({
      kind: "append",
      bar: { time: 60, open: 5, high: 5, low: 5, close: 5 },
    });
    expect(mergeTick(bar, Number.NaN, (bar.time + 1) * 1000, 60)).toEqual({ kind: "ignore" });
  });
});

describe("dayChange", () => {
  it("should measure from the open of the first candle inside the last 24 h", () => {
    const now = 200_000;
    const candles = [
      { time: now - 90_000, open: 50 },
      { time: now - 80_000, open: 100 },
      { time: now - 100, open: 120 },
    ];
    expect(dayChange(candles, 110, now)).toEqual({ absolute: 10, percent: 10 });
  });

  it("should be unknown without candles or price", () => {
    expect(dayChange([], 1, 0)).toBeNull();
    expect(dayChange([{ time: 0, open: 1 }], null, 0)).toBeNull();
  });
});
