import { describe, expect, it } from "vitest";
import { ZSimulatorEnv } from "./env";

describe("ZSimulatorEnv", () => {
  it("the standalone simulator should bind to loopback unless told otherwise", () => {
    expect(ZSimulatorEnv.parse({}).HOST).toBe("127.0.0.1");
    expect(ZSimulatorEnv.parse({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });
});
