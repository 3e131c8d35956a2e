import { divRound, fromScaled, toScaled } from "./fixed-point";

/** USD amounts carry cents; prices and quantities carry 8 decimals (architecture.md §4). */
const USD_SCALE = 2;
const PRICE_SCALE = 8;
const QTY_SCALE = 8;

export type TSide = "long" | "short";

export interface TOrderPreviewInput {
  side: TSide;
  /** Margin as the trader typed it, e.g. "1000" or "12.5". */
  margin: string;
  leverage: number;
  bid: number | null;
  ask: number | null;
}

export interface TOrderPreview {
  /** Estimated fill: the ask for a long, the bid for a short. */
  entryPrice: string;
  /** margin × leverage / entry, 8 decimals, rounded down (the engine never overfills). */
  quantity: string;
  /** margin × leverage in USD. */
  notional: string;
  /**
   * The first 8-dp price at which the exact loss reaches the margin: `entry ∓ margin/quantity`
   * rounded away from the entry, exactly as engine-core's liquidationPriceOf stores it.
   */
  liquidationPrice: string;
}

/**
 * Exact preview of what the engine will do with an order at the current quote. Returns null when
 * the input cannot make an order (empty margin, no quote, a zero quantity).
 */
export function previewOrder(input: TOrderPreviewInput): TOrderPreview | null {
  const margin = toScaled(input.margin, USD_SCALE);
  const quote = input.side === "long" ? input.ask : input.bid;
  if (margin === null || margin <= 0n || quote === null) return null;
  if (!Number.isInteger(input.leverage) || input.leverage < 1) return null;
  const entry = toScaled(quote, PRICE_SCALE);
  if (entry === null || entry <= 0n) return null;
  const leverage = BigInt(input.leverage);

  // quantity (scale 8) = margin(scale 2) × leverage × 10^(8 + 8 - 2) / entry(scale 8)
  const quantity = divRound(margin * leverage * 10n ** BigInt(QTY_SCALE + PRICE_SCALE - USD_SCALE), entry, "floor");
  if (quantity <= 0n) return null;

  // margin / quantity as a price (scale 8): margin(2) × 10^(8 + 8 - 2) / quantity(8)
  const distance = marginDistance(margin, quantity);
  const liquidation = input.side === "long" ? entry - distance : entry + distance;

  return {
    entryPrice: fromScaled(entry, PRICE_SCALE),
    quantity: fromScaled(quantity, QTY_SCALE),
    notional: fromScaled(margin * leverage, USD_SCALE),
    liquidationPrice: fromScaled(liquidation > 0n ? liquidation : 0n, PRICE_SCALE),
  };
}

/** margin / quantity in price units, rounded up so the liquidation price lies away from the entry. */
function marginDistance(margin: bigint, quantity: bigint): bigint {
  return divRound(margin * 10n ** BigInt(PRICE_SCALE + QTY_SCALE - USD_SCALE), quantity, "ceil");
}
