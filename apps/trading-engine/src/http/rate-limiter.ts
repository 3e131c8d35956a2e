/** One counted hit: allowed or not, and the window's budget as the RateLimit-* headers state it. */
export interface LimiterVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window starts over. */
  resetSeconds: number;
}

/** Fixed-window request counter per key (per user here; per IP is @fastify/rate-limit's job). */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; false when the key is over its limit in the current window. */
  hit(key: string): boolean {
    return this.take(key).allowed;
  }

  /** Counts one hit and says what is left of the key's window (the RateLimit-* headers). */
  take(key: string): LimiterVerdict {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.max,
      limit: this.max,
      remaining: Math.max(0, this.max - window.count),
      resetSeconds: Math.ceil((window.start + this.windowMs - now) / 1000),
    };
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
