import { createEngine, liquidationPriceOf } from "@repo/engine-core/engine";
import { formatPrice, formatUsd, parsePrice, parseQty, parseUsd, type Price } from "@repo/engine-core/money";
import { describe, expect, it } from "vitest";
import { exceedsFreeMargin, previewOrder, type TSide } from "./order-preview";

/** Small deterministic generator so a failure replays exactly. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("previewOrder against engine-core", () => {
  it("should show exactly the quantity and liquidation price engine-core stores, for 2000 random orders", () => {
    const random = lcg(20_241_124);
    for (let i = 0; i < 2_000; i++) {
      const side: TSide = random() < 0.5 ? "long" : "short";
      const leverage = 1 + Math.floor(random() * 100);
      const margin = (1 + Math.floor(random() * 1_000_000)) / 100; // $0.01 … $10,000.00
      const bid = Math.round((0.5 + random() * 120_000) * 1e4) / 1e4; // up to 4 dp, like real quotes
      const ask = Math.round((bid + random() * 5) * 1e4) / 1e4;
      const preview = previewOrder({ side, margin: margin.toFixed(2), leverage, bid, ask });

      const entry: Price = parsePrice(String(side === "long" ? ask : bid));
      const marginUsd = parseUsd(margin.toFixed(2));
      const quantityUnits = (marginUsd * BigInt(leverage) * 100_000_000_000_000n) / entry; // floor, positive
      if (quantityUnits === 0n) {
        expect(preview).toBeNull();
        continue;
      }
      const expected = liquidationPriceOf(side, entry, marginUsd, parseQty(formatQtyUnits(quantityUnits)));
      expect(preview, `order ${i}`).not.toBeNull();
      expect(Number(preview?.quantity), `order ${i} quantity`).toBe(Number(formatQtyUnits(quantityUnits)));
      expect(parsePrice(trim(preview?.liquidationPrice ?? "")), `order ${i} liquidation`).toBe(expected);
      expect(formatPrice(expected)).toBe(trim(preview?.liquidationPrice ?? ""));
    }
  });
});

function formatQtyUnits(units: bigint): string {
  const text = units.toString().padStart(9, "0");
  return trim(`${text.slice(0, -8)}.${text.slice(-8)}`);
}

function trim(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

describe("exceedsFreeMargin against engine-core", () => {
  it("should warn exactly where the engine refuses INSUFFICIENT_FUNDS: free margin shrinks by a floating loss", () => {
    const engine = createEngine({
      markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
      initialDepositUsd: parseUsd("10000"),
      priceStaleMs: 10_000,
    });
    const T0 = 1_700_000_000_000;
    const quote = (price: string, at: number) =>
      engine.execute({ type: "applyQuote", symbol: "SOL_USDC", bid: parsePrice(price), ask: parsePrice(price), price: parsePrice(price), timestamp: at, at });
    const open = (positionId: string, margin: string) =>
      engine.execute({ type: "openPosition", accountId: "a", positionId, symbol: "SOL_USDC", side: "long", margin: parseUsd(margin), leverage: 10, at: T0 + 3 }).result.ok;
    engine.execute({ type: "createAccount", accountId: "a", at: T0 });
    quote("100", T0);
    expect(open("p1", "5000")).toBe(true);
    quote("96.5", T0 + 2);
    const summary = engine.accountSummary("a");
    if (summary === null) throw new Error("no account");
    // What GET /api/v1/state sends the ticket: a JSON number of the engine's figure.
    const freeMargin = Number(formatUsd(summary.freeMargin));
    expect(freeMargin).toBe(3250);
    expect(summary.balance).toBe(parseUsd("5000"));
    for (const margin of ["3250.01", "4000", "3250", "100"]) {
      const engineRefuses = !open(`p-${margin}`, margin);
      expect(exceedsFreeMargin(margin, freeMargin), margin).toBe(engineRefuses);
      if (!engineRefuses) break;
    }
  });
});
