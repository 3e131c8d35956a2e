import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseServiceEnv } from "./service-env";

const ZEnv = z.object({ PORT: z.coerce.number().int().min(1) });

describe("parseServiceEnv", () => {
  it("should return the parsed variables together with the Kafka security settings", () => {
    expect(parseServiceEnv("svc", ZEnv, { PORT: "4000" })).toEqual({ PORT: 4000, KAFKA_SECURITY: { ssl: false, sasl: null } });
  });

  it("should throw one error naming the service and every bad variable", () => {
    expect(() => parseServiceEnv("svc", ZEnv, { PORT: "0", KAFKA_SASL_USERNAME: "u" })).toThrow(
      /^svc: invalid environment\n {2}PORT: .*\n {2}KAFKA_SASL_MECHANISM: /,
    );
  });
});
