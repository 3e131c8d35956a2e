import { describe, expect, it } from "vitest";
import { secondsToNaiveUtc } from "./naive-utc";

describe("secondsToNaiveUtc", () => {
  it("should write Backpack's WS form with T and its REST form with a space", () => {
    const t = Date.UTC(2026, 0, 31, 23, 59, 0) / 1000;
    expect(secondsToNaiveUtc(t, "T")).toBe("2026-01-31T23:59:00");
    expect(secondsToNaiveUtc(t, " ")).toBe("2026-01-31 23:59:00");
  });
});
