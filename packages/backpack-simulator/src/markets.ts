/** A simulated market: Backpack's filters and a plausible recent price level and activity. */
export interface SimMarketSpec {
  symbol: string;
  baseSymbol: string;
  quoteSymbol: string;
  /** Decimals of the tick size (0.01 → 2). Prices are integers of ticks internally. */
  priceDecimals: number;
  /** Decimals of the quantity step size (0.01 → 2). */
  quantityDecimals: number;
  /** Starting mid, in quote units (varied ±5 % by the seed). */
  referencePrice: number;
  /** Spread in ticks: uniform in [min, max]. */
  spreadTicks: [number, number];
  /** Typical trade size in base units. */
  tradeSize: number;
  /** Volatility per √second (relative). */
  volatilityPerSqrtSecond: number;
}

/** Levels near late-2025 prices; tick sizes as on Backpack (SOL 0.01, BTC 0.1, ETH 0.01). */
export const SIM_MARKETS: readonly SimMarketSpec[] = [
  {
    symbol: "SOL_USDC",
    baseSymbol: "SOL",
    quoteSymbol: "USDC",
    priceDecimals: 2,
    quantityDecimals: 2,
    referencePrice: 175,
    spreadTicks: [1, 3],
    tradeSize: 4,
    volatilityPerSqrtSecond: 0.00018,
  },
  {
    symbol: "BTC_USDC",
    baseSymbol: "BTC",
    quoteSymbol: "USDC",
    priceDecimals: 1,
    quantityDecimals: 5,
    referencePrice: 100_000,
    spreadTicks: [1, 15],
    tradeSize: 0.02,
    volatilityPerSqrtSecond: 0.00012,
  },
  {
    symbol: "ETH_USDC",
    baseSymbol: "ETH",
    quoteSymbol: "USDC",
    priceDecimals: 2,
    quantityDecimals: 4,
    referencePrice: 3_500,
    spreadTicks: [1, 8],
    tradeSize: 0.4,
    volatilityPerSqrtSecond: 0.00015,
  },
];
