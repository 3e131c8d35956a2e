/** What a new price says: the fast average crossed above the slow one (`buy`), below it (`sell`), or neither. */
export type CrossSignal = "buy" | "sell" | null;

/**
 * Simple moving averages of the last `fast` and `slow` prices; a signal on the price where the
 * fast one crosses the slow one. Prices here are a signal, not money: floats are fine.
 */
export class MovingAverageCrossover {
  private readonly prices: number[] = [];
  /** Whether fast > slow at the last price once both averages exist; null before. */
  private fastAbove: boolean | null = null;

  constructor(
    readonly fast: number,
    readonly slow: number,
  ) {
    if (!(Number.isInteger(fast) && Number.isInteger(slow) && fast >= 1 && slow > fast)) {
      throw new Error(`need integer windows with 1 ≤ fast < slow (got ${fast}, ${slow})`);
    }
  }

  push(price: number): CrossSignal {
    this.prices.push(price);
    if (this.prices.length > this.slow) this.prices.shift();
    if (this.prices.length < this.slow) return null;
    const fastAverage = average(this.prices.slice(-this.fast));
    const slowAverage = average(this.prices);
    // Equal averages keep the previous side, so a flat market does not flip the signal.
    if (fastAverage === slowAverage) return null;
    const above = fastAverage > slowAverage;
    const previous = this.fastAbove;
    this.fastAbove = above;
    if (previous === null || previous === above) return null;
    return above ? "buy" : "sell";
  }
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
