import { describe, expect, it } from "vitest";
import { isValidQuote } from "./valid-quote";

describe("isValidQuote", () => {
  it("accepts positive bid ≤ ask, including a locked book", () => {
    expect(isValidQuote("98.96", "98.97")).toBe(true);
    expect(isValidQuote("98.97", "98.970")).toBe(true);
  });

  it("rejects missing, zero, crossed and non-decimal sides", () => {
    expect(isValidQuote(null, "1")).toBe(false);
    expect(isValidQuote("0", "1")).toBe(false);
    expect(isValidQuote("0.00", "1")).toBe(false);
    expect(isValidQuote("2", "1.99")).toBe(false);
    expect(isValidQuote("1e2", "200")).toBe(false);
  });
});
