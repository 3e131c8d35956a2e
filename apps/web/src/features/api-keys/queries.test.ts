import { describe, expect, it } from "vitest";
import { botSnippet } from "./queries";

describe("botSnippet", () => {
  it("should point the SDK at this engine and read the key from the environment, never embed it", () => {
    const snippet = botSnippet("https://engine.example:4000");
    expect(snippet).toContain(`baseUrl: "https://engine.example:4000"`);
    expect(snippet).toContain("process.env.API_KEY");
    expect(snippet).not.toMatch(/tek_/);
  });
});
