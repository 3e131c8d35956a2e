import { describe, expect, it } from "vitest";
import { kafkaClientConfig, ZKafkaSecurityEnv } from "./kafka-security";

describe("ZKafkaSecurityEnv", () => {
  it("should default to no SASL and no TLS (the dev broker)", () => {
    expect(ZKafkaSecurityEnv.parse({})).toEqual({ ssl: false, sasl: null });
  });

  it("should read SCRAM credentials and TLS", () => {
    expect(
      ZKafkaSecurityEnv.parse({ KAFKA_SASL_MECHANISM: "scram-sha-512", KAFKA_SASL_USERNAME: "engine", KAFKA_SASL_PASSWORD: "s3cret", KAFKA_SSL: "true" }),
    ).toEqual({ ssl: true, sasl: { mechanism: "scram-sha-512", username: "engine", password: "s3cret" } });
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: "scram-sha-256" }],
    [{ KAFKA_SASL_USERNAME: "engine", KAFKA_SASL_PASSWORD: "x" }],
    [{ KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "engine", KAFKA_SASL_PASSWORD: "x" }],
    [{ KAFKA_SSL: "yes" }],
  ])("should refuse an incomplete or unknown setting %o", (env) => {
    expect(ZKafkaSecurityEnv.safeParse(env).success).toBe(false);
  });
});

describe("kafkaClientConfig", () => {
  it("should pass SASL and TLS into the kafkajs client config", () => {
    const security = ZKafkaSecurityEnv.parse({ KAFKA_SASL_MECHANISM: "scram-sha-256", KAFKA_SASL_USERNAME: "md", KAFKA_SASL_PASSWORD: "pw", KAFKA_SSL: "true" });
    expect(kafkaClientConfig({ clientId: "c", brokers: ["b:9092"] }, security)).toEqual({
      clientId: "c",
      brokers: ["b:9092"],
      ssl: true,
      sasl: { mechanism: "scram-sha-256", username: "md", password: "pw" },
    });
  });

  it("should leave SASL out when none is configured", () => {
    expect(kafkaClientConfig({ clientId: "c", brokers: ["b:9092"] })).toEqual({ clientId: "c", brokers: ["b:9092"], ssl: false });
  });
});
