/**
 * Counts failures per key in a fixed window (sign-in failures per email): once `max` failures
 * are in the window, the key is blocked until it ends. Memory is bounded by pruning ended windows.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it is not blocked. */
  blockedFor(key: string, now: number): number {
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) return 0;
    return window.failures >= this.max ? window.start + this.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      if (this.windows.size >= 100_000) this.prune(now);
      window = { start: now, failures: 0 };
      this.windows.set(key, window);
    }
    window.failures += 1;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
