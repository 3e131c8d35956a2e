import { describe, expect, it } from "vitest";
import { ZBrokerList } from "./broker-list";

describe("ZBrokerList", () => {
  it("splits a comma-separated host:port list and trims it", () => {
    expect(ZBrokerList.parse(" kafka:9092, localhost:9094 ")).toEqual(["kafka:9092", "localhost:9094"]);
  });

  it("treats unset or blank as no brokers, so development uses the dev broker", () => {
    expect(ZBrokerList.parse(undefined)).toBeUndefined();
    expect(ZBrokerList.parse("")).toBeUndefined();
    expect(ZBrokerList.parse(" , ")).toBeUndefined();
  });

  it("refuses an address without a port", () => {
    expect(ZBrokerList.safeParse("kafka").success).toBe(false);
  });
});
