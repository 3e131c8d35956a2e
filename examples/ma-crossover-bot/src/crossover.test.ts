import { describe, expect, it } from "vitest";
import { MovingAverageCrossover } from "./crossover";

describe("MovingAverageCrossover", () => {
  it("should say buy when the fast average crosses above the slow one and sell when it crosses back", () => {
    const crossover = new MovingAverageCrossover(2, 4);
    const signals = [10, 9, 8, 7, 8, 10, 12, 11, 9, 7].map((price) => crossover.push(price));
    expect(signals).toEqual([null, null, null, null, null, "buy", null, null, "sell", null]);
  });

  it("should stay silent while the averages are not both defined, and on a flat market", () => {
    const crossover = new MovingAverageCrossover(3, 5);
    expect([150, 150, 150, 150, 150, 150].map((p) => crossover.push(p))).toEqual([null, null, null, null, null, null]);
  });

  it("should refuse windows that cannot cross", () => {
    expect(() => new MovingAverageCrossover(5, 5)).toThrow(/fast < slow/);
  });
});
