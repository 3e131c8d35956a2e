/** Polls `condition` until it holds; throws with `what` after `timeoutMs` (tests only). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A market update whose `timestamp` carries a sequence number, so order and loss are checkable. */
export function updateWithSeq(symbol: "SOL_USDC" | "BTC_USDC" | "ETH_USDC", seq: number) {
  return {
    schemaVersion: 1 as const,
    symbol,
    price: "100.5",
    bid: "100.4",
    ask: "100.6",
    volume: "1",
    timestamp: 1_694_097_600_000 + seq,
    source: "simulator" as const,
  };
}

export const SEQ_BASE = 1_694_097_600_000;
