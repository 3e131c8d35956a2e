import { SIMULATOR_URL } from "./env";

/*
 * Drives the bundled Backpack simulator's HTTP control API (apps/market-data-service/src/simulator),
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

/** Waits until the control API answers (the stack may still be starting). */
export async function waitForSimulator(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      await control("/control/state");
      return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`simulator control API not reachable: ${last}`);
}

/** Moves a symbol's price by `factor` (1.02 = +2 %) over a short path, so every client sees it move. */
export async function driftPrice(symbol: string, factor: number): Promise<void> {
  await control("/control/path", { symbol, changePct: (factor - 1) * 100, durationMs: 500 });
}

/** Crashes a symbol by `percent` over `durationMs`. */
export async function crashPrice(symbol: string, percent: number, durationMs: number): Promise<void> {
  await control("/control/path", { symbol, changePct: -percent, durationMs });
}

/** Stops all market data while keeping connections open: the feed goes silent. */
export async function silenceFeed(): Promise<void> {
  await control("/control/silence", { silent: true });
}

/** Back to the normal random walk around the starting prices, feed on. */
export async function resetSimulator(): Promise<void> {
  await control("/control/reset", {});
}
