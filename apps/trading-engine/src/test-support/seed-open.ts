/** The open-position body of the original seed's example call. */
export const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5 };
