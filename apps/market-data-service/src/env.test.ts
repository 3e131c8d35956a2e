import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to auto, the three markets and the documented intervals in development", () => {
    const env = parseEnv({});
    expect(env.MARKET_FEED).toBe("auto");
    expect(env.MARKETS).toEqual(["SOL_USDC", "BTC_USDC", "ETH_USDC"]);
    expect(env).toMatchObject({ RECONNECT_INTERVAL: 5_000, STALE_LINK_MS: 10_000, HEALTH_PORT: 4001, KAFKA_TOPIC: "backpack-market-updates" });
    expect(env.KAFKA_BROKERS).toBeUndefined();
  });

  it("refuses production without an explicit MARKET_FEED, and auto in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/MARKET_FEED/);
    expect(() => parseEnv({ NODE_ENV: "production", MARKET_FEED: "auto" })).toThrow(/MARKET_FEED/);
    expect(parseEnv({ NODE_ENV: "production", MARKET_FEED: "backpack" }).MARKET_FEED).toBe("backpack");
  });

  it("splits broker and market lists and rejects bad symbols", () => {
    expect(parseEnv({ KAFKA_BROKERS: "a:9092, b:9092", MARKETS: "SOL_USDC" })).toMatchObject({ KAFKA_BROKERS: ["a:9092", "b:9092"], MARKETS: ["SOL_USDC"] });
    expect(() => parseEnv({ MARKETS: "sol-usdc" })).toThrow(/MARKETS/);
  });

  it("reads MAX_CLOCK_SKEW_MS (default 2000) and refuses a negative one", () => {
    expect(parseEnv({}).MAX_CLOCK_SKEW_MS).toBe(2_000);
    expect(parseEnv({ MAX_CLOCK_SKEW_MS: "500" }).MAX_CLOCK_SKEW_MS).toBe(500);
    expect(() => parseEnv({ MAX_CLOCK_SKEW_MS: "-1" })).toThrow(/MAX_CLOCK_SKEW_MS/);
  });

  it("reads the Kafka SASL/TLS settings and refuses half of them", () => {
    expect(parseEnv({}).KAFKA_SECURITY).toEqual({ ssl: false, sasl: null });
    const env = parseEnv({ KAFKA_SASL_MECHANISM: "scram-sha-512", KAFKA_SASL_USERNAME: "market-data", KAFKA_SASL_PASSWORD: "pw", KAFKA_SSL: "true" });
    expect(env.KAFKA_SECURITY).toEqual({ ssl: true, sasl: { mechanism: "scram-sha-512", username: "market-data", password: "pw" } });
    expect(() => parseEnv({ KAFKA_SASL_PASSWORD: "pw" })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
