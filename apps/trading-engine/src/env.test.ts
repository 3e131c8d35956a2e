import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("engine env: price integrity settings", () => {
  it("should default MAX_CLOCK_SKEW_MS to 2000 and PRICE_BAND_PCT to 10 % (1000 basis points)", () => {
    const env = parseEnv({});
    expect(env.MAX_CLOCK_SKEW_MS).toBe(2_000);
    expect(env.PRICE_BAND_PCT).toBe(1_000);
  });

  it("should read PRICE_BAND_PCT with up to two decimals as exact basis points, 0 turning it off", () => {
    expect(parseEnv({ PRICE_BAND_PCT: "7.5" }).PRICE_BAND_PCT).toBe(750);
    expect(parseEnv({ PRICE_BAND_PCT: "0.25" }).PRICE_BAND_PCT).toBe(25);
    expect(parseEnv({ PRICE_BAND_PCT: "0" }).PRICE_BAND_PCT).toBe(0);
  });

  it("should refuse a malformed band or a negative skew, naming the variable", () => {
    expect(() => parseEnv({ PRICE_BAND_PCT: "1e1" })).toThrow(/PRICE_BAND_PCT/);
    expect(() => parseEnv({ PRICE_BAND_PCT: "10.125" })).toThrow(/PRICE_BAND_PCT/);
    expect(() => parseEnv({ MAX_CLOCK_SKEW_MS: "-1" })).toThrow(/MAX_CLOCK_SKEW_MS/);
  });
});

describe("parseEnv", () => {
  it("TRUST_PROXY should accept a hop count or a list of proxy IPs/CIDRs", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1,::1" }).TRUST_PROXY).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
  });

  it.each(["true", "yes", "10.0.0.0/33", "proxy.local"])("TRUST_PROXY=%s should be refused at boot with a clear message", (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: .*hop/);
  });

  it("should default SESSION_TTL_HOURS to 168 and read the Kafka SASL settings", () => {
    const env = parseEnv({ KAFKA_SASL_MECHANISM: "scram-sha-256", KAFKA_SASL_USERNAME: "engine", KAFKA_SASL_PASSWORD: "pw", KAFKA_SSL: "true" });
    expect(env.SESSION_TTL_HOURS).toBe(168);
    expect(env.KAFKA_SECURITY).toEqual({ ssl: true, sasl: { mechanism: "scram-sha-256", username: "engine", password: "pw" } });
    expect(() => parseEnv({ KAFKA_SASL_USERNAME: "engine" })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
