import { describe, expect, it } from "vitest";
import { ApiError, userMessage } from "./api-error";

describe("userMessage", () => {
  it("should explain known codes in plain words and pass others through", () => {
    expect(userMessage(new ApiError(422, "INSUFFICIENT_FUNDS", "x")).message).toMatch(/free margin/);
    expect(userMessage(new ApiError(400, "INVALID_REQUEST", "margin: must be positive"))).toEqual({
      code: "INVALID_REQUEST",
      message: "margin: must be positive",
    });
  });
});
