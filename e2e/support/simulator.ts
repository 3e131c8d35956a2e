import { SIMULATOR_URL } from "./env";

/*
 * Drives the bundled Backpack simulator's HTTP control API (packages/backpack-simulator),
 * so tests decide what the market does instead of waiting for a random walk.
 */

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${SIMULATOR_URL}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return response.json().catch(() => null);
}

interface SimulatorState {
  markets: Record<string, { bid: string; ask: string; last: string; held: boolean; pathActive: boolean }>;
  silent: boolean;
}

export async function simulatorState(): Promise<SimulatorState> {
  return (await control("/_control/state")) as SimulatorState;
}

/** Waits until the control API answers (the stack may still be starting). */
export async function waitForSimulator(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      await simulatorState();
      return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`simulator control API not reachable: ${last}`);
}

/** Moves a symbol's price by `factor` (1.02 = +2 %) over half a second, then lets the walk go on. */
export async function driftPrice(symbol: string, factor: number): Promise<void> {
  await control("/_control/path", { symbol, pct: (factor - 1) * 100, durationMs: 500, hold: false, wait: true });
}

/** Crashes a symbol by `percent` over `durationMs` and holds it there; returns the last price before. */
export async function crashPrice(symbol: string, percent: number, durationMs: number): Promise<string> {
  const before = (await simulatorState()).markets[symbol]?.last;
  if (!before) throw new Error(`simulator has no market ${symbol}`);
  await control("/_control/path", { symbol, pct: -percent, durationMs, hold: true });
  return before;
}

/** Waits until a played path (e.g. a crash) has run to its end, so the market really made the move. */
export async function waitForPathEnd(symbol: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await simulatorState()).markets[symbol]?.pathActive) {
    if (Date.now() > deadline) throw new Error(`${symbol}: path still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Brings a symbol back to `price` quickly and resumes its random walk. */
export async function restorePrice(symbol: string, price: string): Promise<void> {
  await control("/_control/path", { symbol, to: price, durationMs: 300, hold: false, wait: true });
}

/** Freezes a symbol at its current quote (until resetSimulator); returns that bid and ask. */
export async function holdQuote(symbol: string): Promise<{ bid: string; ask: string }> {
  const market = (await simulatorState()).markets[symbol];
  if (!market) throw new Error(`simulator has no market ${symbol}`);
  await control("/_control/quote", { symbol, bid: market.bid, ask: market.ask, hold: true });
  return { bid: market.bid, ask: market.ask };
}

/** Sends one quote for a symbol and holds it there (until the next setQuote or resetSimulator). */
export async function setQuote(symbol: string, bid: string, ask: string): Promise<void> {
  await control("/_control/quote", { symbol, bid, ask, hold: true });
}

/** Stops all market data while keeping connections open: the feed goes silent. */
export async function silenceFeed(): Promise<void> {
  await control("/_control/silence", { on: true });
}

/** Feed on and every market back on its random walk. */
export async function resetSimulator(): Promise<void> {
  await control("/_control/silence", { on: false });
  await control("/_control/resume", {});
}
