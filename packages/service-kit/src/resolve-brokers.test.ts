import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { resolveBrokers } from "./resolve-brokers";

const logger = pino({ level: "silent" });

describe("resolveBrokers", () => {
  it("should use KAFKA_BROKERS as given and start no dev broker", async () => {
    expect(await resolveBrokers({ configured: ["k1:9092"], production: true, logger })).toEqual({ brokers: ["k1:9092"], devBroker: null });
  });

  it("should refuse a production boot without KAFKA_BROKERS as a fatal configuration error", async () => {
    expect(await resolveBrokers({ configured: undefined, production: true, logger })).toEqual({
      brokers: null,
      fatal: true,
      reason: "KAFKA_BROKERS is required in production",
    });
  });
});
