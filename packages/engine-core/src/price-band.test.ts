import { describe, expect, it } from "vitest";
import { parsePrice } from "./money";
import { BAND_WINDOW_MS, PriceBand } from "./price-band";

const T0 = 1_700_000_000_000;

function q(bid: string, ask: string, timestamp: number) {
  return { bid: parsePrice(bid), ask: parsePrice(ask), price: parsePrice(ask), timestamp };
}

describe("PriceBand", () => {
  it("should accept quotes within the band of the recent median", () => {
    const band = new PriceBand(1_000n);
    expect(band.judge(q("100", "100.1", T0)).kind).toBe("accept");
    expect(band.judge(q("109", "109.1", T0 + 1)).kind).toBe("accept");
    expect(band.judge(q("95", "95.1", T0 + 2)).kind).toBe("accept");
  });

  it("should hold a lone wild bid and drop it when the next quote is back in band", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    expect(band.judge(q("0.01", "100.1", T0 + 1)).kind).toBe("hold");
    expect(band.judge(q("100", "100.1", T0 + 2)).kind).toBe("accept");
    // The wild quote was forgotten: a later one near it is held again, not confirmed.
    expect(band.judge(q("0.01", "100.1", T0 + 3)).kind).toBe("hold");
  });

  it("should confirm a move when a second quote lies within the band of the held one", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    expect(band.judge(q("40", "40.1", T0 + 1)).kind).toBe("hold");
    const verdict = band.judge(q("41", "41.1", T0 + 2));
    expect(verdict).toEqual({ kind: "confirm", held: q("40", "40.1", T0 + 1) });
    // The new level is the reference now.
    expect(band.judge(q("40.5", "40.6", T0 + 3)).kind).toBe("accept");
  });

  it("should not confirm with a held quote older than the window", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    band.judge(q("40", "40.1", T0 + 1));
    expect(band.judge(q("40", "40.1", T0 + 2 + BAND_WINDOW_MS)).kind).toBe("hold");
  });

  it("should judge against the median, so one outlier in the window does not move the reference", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    band.judge(q("100", "100.1", T0 + 1));
    band.judge(q("109", "109.1", T0 + 2));
    // 118 is within 10 % of 109 but not of the median 100.
    expect(band.judge(q("118", "118.1", T0 + 3)).kind).toBe("hold");
  });

  it("should keep the last accepted quote as the reference after a quiet spell", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    expect(band.judge(q("50", "50.1", T0 + 10 * BAND_WINDOW_MS)).kind).toBe("hold");
  });

  it("should accept everything when the band is 0 (off)", () => {
    const band = new PriceBand(0n);
    band.judge(q("100", "100.1", T0));
    expect(band.judge(q("0.01", "0.02", T0 + 1)).kind).toBe("accept");
  });

  it("should not take the held book re-sent under the same timestamp as its confirmation", () => {
    const band = new PriceBand(1_000n);
    band.judge(q("100", "100.1", T0));
    expect(band.judge(q("0.01", "100.1", T0 + 1)).kind).toBe("hold");
    expect(band.judge(q("0.01", "100.1", T0 + 1)).kind).toBe("hold");
    expect(band.judge(q("100", "100.1", T0 + 2)).kind).toBe("accept");
  });
});
