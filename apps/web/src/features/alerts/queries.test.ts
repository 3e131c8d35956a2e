import { type TAlert } from "@repo/shared-types/api";
import { describe, expect, it } from "vitest";
import { markTriggered } from "./queries";

const alert = (alertId: string, triggeredAt: number | null): TAlert => ({
  alertId,
  symbol: "SOL_USDC",
  condition: "above",
  price: 151,
  createdAt: 1,
  triggeredAt,
});

describe("markTriggered", () => {
  it("should replace the armed alert with its fired self, in place", () => {
    expect(markTriggered([alert("b", null), alert("a", null)], alert("a", 5))).toEqual([alert("b", null), alert("a", 5)]);
  });

  it("should put an alert it did not list yet first, and leave an unloaded list alone", () => {
    expect(markTriggered([alert("b", null)], alert("c", 5))).toEqual([alert("c", 5), alert("b", null)]);
    expect(markTriggered(undefined, alert("c", 5))).toBeUndefined();
  });
});
