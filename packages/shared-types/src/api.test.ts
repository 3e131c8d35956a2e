import { describe, expect, it } from "vitest";
import { ZOpenPositionRequest, ZSignupRequest } from "./api";

describe("ZOpenPositionRequest", () => {
  it("accepts the seed's body and normalises money to exact decimal strings", () => {
    const parsed = ZOpenPositionRequest.parse({
      asset: "SOL",
      type: "long",
      margin: 1000,
      leverage: 2,
      slippage: 0.1,
      currentPrice: 150.5,
    });
    expect(parsed).toMatchObject({ margin: "1000", currentPrice: "150.5", leverage: 2 });
  });

  it("refuses fields a client must never set", () => {
    for (const extra of [{ entryPrice: 1 }, { quantity: 1 }, { userId: "u" }]) {
      const result = ZOpenPositionRequest.safeParse({ asset: "SOL", type: "long", margin: 10, leverage: 2, ...extra });
      expect(result.success, JSON.stringify(extra)).toBe(false);
    }
  });

  it("refuses leverage outside 1..100 and fractional leverage", () => {
    for (const leverage of [0, 101, 2.5]) {
      expect(ZOpenPositionRequest.safeParse({ asset: "SOL", type: "long", margin: 10, leverage }).success).toBe(false);
    }
  });
});

describe("ZSignupRequest", () => {
  it("normalises the email and requires 8 characters of password", () => {
    expect(ZSignupRequest.parse({ email: " Trader@Example.com ", password: "12345678" }).email).toBe("trader@example.com");
    expect(ZSignupRequest.safeParse({ email: "a@b.co", password: "short" }).success).toBe(false);
  });
});
