export interface BackoffOptions {
  /** First ceiling (RECONNECT_INTERVAL). */
  baseMs: number;
  /** The ceiling never exceeds this (30 s). */
  capMs: number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog): attempt n waits a uniform random
 * time in [0, min(cap, base·2ⁿ)), so clients that lost the same server do not return in lockstep.
 */
export class Backoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The ceiling for the current attempt. */
  ceiling(): number {
    return Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(this.attempt, 30));
  }

  /** The delay before the next attempt; each call raises the ceiling. */
  next(): number {
    const delay = Math.floor(this.random() * this.ceiling());
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  attempts(): number {
    return this.attempt;
  }
}
