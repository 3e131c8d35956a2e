import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";

describe("Backoff", () => {
  it("doubles the ceiling from the base and caps it at 30 s", () => {
    const backoff = new Backoff({ baseMs: 5_000, capMs: 30_000, random: () => 0.999_999 });
    const delays = Array.from({ length: 6 }, () => backoff.next());
    expect(delays).toEqual([4_999, 9_999, 19_999, 29_999, 29_999, 29_999]);
  });

  it("uses full jitter: the delay is random × ceiling, down to 0", () => {
    const values = [0, 0.5, 0.25];
    const backoff = new Backoff({ baseMs: 1_000, capMs: 30_000, random: () => values.shift() ?? 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 1_000, 1_000]);
  });

  it("starts over from the base after reset", () => {
    const backoff = new Backoff({ baseMs: 1_000, capMs: 30_000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
    expect(backoff.attempts()).toBe(1);
  });
});
