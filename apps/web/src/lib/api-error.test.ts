import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFrom, userMessage } from "./api-error";

describe("apiErrorFrom", () => {
  it("should keep the contract's code and message", () => {
    const e = apiErrorFrom(422, { error: { code: "INSUFFICIENT_FUNDS", message: "free margin 10 < 20" } });
    expect([e.status, e.code, e.message]).toEqual([422, "INSUFFICIENT_FUNDS", "free margin 10 < 20"]);
  });

  it("should survive a body that is not the contract shape", () => {
    expect(apiErrorFrom(502, "<html>").code).toBe("SERVICE_UNAVAILABLE");
    expect(apiErrorFrom(404, null).code).toBe("INVALID_REQUEST");
  });
});

describe("userMessage", () => {
  it("should explain known codes in plain words and pass others through", () => {
    expect(userMessage(new ApiError(422, "INSUFFICIENT_FUNDS", "x")).message).toMatch(/free margin/);
    expect(userMessage(new ApiError(400, "INVALID_REQUEST", "margin: must be positive"))).toEqual({
      code: "INVALID_REQUEST",
      message: "margin: must be positive",
    });
  });
});
