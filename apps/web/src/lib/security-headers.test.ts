import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("should allow connections only to this origin and the engine, over http and ws", () => {
    const csp = contentSecurityPolicy("http://localhost:4100", false);
    expect(csp).toContain("connect-src 'self' http://localhost:4100 ws://localhost:4100;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("should follow an https engine with wss", () => {
    expect(contentSecurityPolicy("https://api.example.com/", false)).toContain("connect-src 'self' https://api.example.com wss://api.example.com;");
  });
});
