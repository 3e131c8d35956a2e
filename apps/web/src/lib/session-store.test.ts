import { describe, expect, it } from "vitest";
import { parseSession } from "./session-store";

describe("parseSession", () => {
  it("should restore a stored session", () => {
    expect(parseSession(JSON.stringify({ token: "t0k", email: "a@b.co" }))).toEqual({ token: "t0k", email: "a@b.co" });
  });

  it("should treat missing, malformed or tokenless storage as signed out", () => {
    expect(parseSession(null)).toBeNull();
    expect(parseSession("{not json")).toBeNull();
    expect(parseSession(JSON.stringify({ token: "", email: "a@b.co" }))).toBeNull();
  });
});
