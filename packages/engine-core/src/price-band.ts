import type { Price } from "./money";

/** One side pair of a quote as the band sees it; `timestamp` is the exchange time (unix ms). */
export interface BandQuote {
  readonly bid: Price;
  readonly ask: Price;
  /** Carried so a confirmed held quote can apply as it came. */
  readonly price: Price;
  readonly timestamp: number;
}

/**
 * What the band decided about a quote: `accept` it alone, `hold` it (a move out of band waiting
 * for confirmation), or `confirm` — it is within the band of the held quote, so the held quote
 * and this one both apply, in that order.
 */
export type BandVerdict =
  { kind: "accept" } | { kind: "hold" } | { kind: "confirm"; held: BandQuote };

/** How long accepted quotes count towards the median, and how long a held quote waits (ms). */
export const BAND_WINDOW_MS = 5_000;
/** Accepted quotes kept for the median: bounds the per-tick cost whatever the tick rate. */
const MAX_SAMPLES = 32;

/**
 * The price band of one market (architecture.md §4): a quote whose bid or ask is more than
 * `bandBp` basis points from the median bid / ask of the last BAND_WINDOW_MS of accepted quotes
 * is held until a second quote within the band of it confirms the move. A lone wild tick then
 * never moves money, and a real move acts one quote later. Pure: time is the quotes' own.
 *
 * A band of 0 accepts everything (the band is off).
 *
 * The last accepted quote always stays in the window, so after a quiet spell a jump still needs
 * its confirmation rather than being taken as the new normal.
 */
export class PriceBand {
  private samples: BandQuote[] = [];
  private held: BandQuote | null = null;

  constructor(private readonly bandBp: bigint) {}

  /** Judges `quote` and records it (as a sample when it applies, as the held quote otherwise). */
  judge(input: BandQuote): BandVerdict {
    // A copy: the caller's command object must not be kept alive or seen changing.
    const quote: BandQuote = {
      bid: input.bid,
      ask: input.ask,
      price: input.price,
      timestamp: input.timestamp,
    };
    this.expire(quote.timestamp);
    if (this.bandBp === 0n || this.samples.length === 0 || this.withinMedian(quote)) {
      this.held = null;
      this.record(quote);
      return { kind: "accept" };
    }
    const held = this.held;
    // The confirmation must be a later book: a trade frame re-sending the held book under the
    // book's own time is the same observation again, not a second one.
    const age = held === null ? 0 : quote.timestamp - held.timestamp;
    if (held !== null && age > 0 && age <= BAND_WINDOW_MS && within(held, quote, this.bandBp)) {
      // The move is confirmed: the new level replaces the old window.
      this.held = null;
      this.samples = [held];
      this.record(quote);
      return { kind: "confirm", held };
    }
    if (held === null || age > 0 || !within(held, quote, this.bandBp)) this.held = quote;
    return { kind: "hold" };
  }

  private withinMedian(quote: BandQuote): boolean {
    const reference = {
      bid: median(this.samples.map((s) => s.bid)),
      ask: median(this.samples.map((s) => s.ask)),
    };
    return within(reference, quote, this.bandBp);
  }

  private record(quote: BandQuote): void {
    this.samples.push(quote);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }

  private expire(now: number): void {
    while (this.samples.length > 1 && (this.samples[0]?.timestamp ?? now) < now - BAND_WINDOW_MS)
      this.samples.shift();
  }
}

/** True when both sides of `quote` lie within `bandBp` of the reference's sides. */
function within(
  reference: { bid: bigint; ask: bigint },
  quote: { bid: bigint; ask: bigint },
  bandBp: bigint,
): boolean {
  return near(reference.bid, quote.bid, bandBp) && near(reference.ask, quote.ask, bandBp);
}

function near(reference: bigint, value: bigint, bandBp: bigint): boolean {
  const diff = value > reference ? value - reference : reference - value;
  return diff * 10_000n <= reference * bandBp;
}

/** The median of a non-empty list (the lower middle for an even count: no division, stays exact). */
function median(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[(sorted.length - 1) >> 1] ?? 0n;
}
