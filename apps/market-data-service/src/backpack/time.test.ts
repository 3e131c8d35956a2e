import { describe, expect, it } from "vitest";
import { secondsToNaiveUtc } from "@repo/backpack-simulator/naive-utc";
import { microsToMillis, naiveUtcToSeconds } from "./time";

describe("microsToMillis", () => {
  it("truncates µs to ms exactly for 16-digit values", () => {
    expect(microsToMillis(1788367430247999)).toBe(1788367430247);
    expect(microsToMillis(1788367430248000)).toBe(1788367430248);
  });
});

describe("naiveUtcToSeconds", () => {
  it("reads both the WS (T) and REST (space) forms as UTC", () => {
    expect(naiveUtcToSeconds("2026-09-02T16:44:00")).toBe(Date.UTC(2026, 8, 2, 16, 44) / 1000);
    expect(naiveUtcToSeconds("2026-09-01 17:23:00")).toBe(Date.UTC(2026, 8, 1, 17, 23) / 1000);
  });

  it("rejects zone suffixes, milliseconds and impossible dates", () => {
    expect(naiveUtcToSeconds("2026-09-02T16:44:00Z")).toBeNull();
    expect(naiveUtcToSeconds("2026-09-02T16:44:00.000")).toBeNull();
    expect(naiveUtcToSeconds("2026-02-30 00:00:00")).toBeNull();
  });

  it("round-trips with the simulator's secondsToNaiveUtc", () => {
    const t = Date.UTC(2026, 0, 31, 23, 59) / 1000;
    expect(naiveUtcToSeconds(secondsToNaiveUtc(t, " "))).toBe(t);
    expect(secondsToNaiveUtc(t, "T")).toBe("2026-01-31T23:59:00");
  });
});
