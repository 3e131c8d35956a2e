import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runBot } from "ma-crossover-bot/bot";
import { createTradingClient } from "@repo/sdk/client";
import { connectTradingSocket, type TradingSocket } from "@repo/sdk/socket";
import { listen } from "./test-support/listen";
import { buildTestApp, type TestApp } from "./test-support/test-app";

describe("examples/ma-crossover-bot against a listening engine (real HTTP and Socket.IO, SDK, API key)", () => {
  let t: TestApp;
  let base: string;
  let socket: TradingSocket | null = null;
  beforeEach(async () => {
    t = await buildTestApp();
    base = await listen(t.app);
  });
  afterEach(async () => {
    socket?.disconnect();
    await t.close();
  });

  it("the bot should open a long on a golden cross and close it on the death cross, with a trade-scoped key", async () => {
    const session = createTradingClient({ baseUrl: base });
    const { token } = await session.signup({ email: `bot-${Date.now()}@example.com`, password: "correct horse battery" });
    const person = createTradingClient({ baseUrl: base, token });
    const { key } = await person.apiKeys.create({ name: "ma-bot", scopes: ["read", "trade"] });
    const api = createTradingClient({ baseUrl: base, token: key });
    socket = connectTradingSocket(base, { token: key, socket: { transports: ["websocket"], reconnection: false } });

    t.quote("SOL_USDC", "149.99", "150.01");
    const seen: number[] = [];
    const log: string[] = [];
    let ready = false;
    const run = runBot({
      api, socket, symbol: "SOL_USDC", asset: "SOL", margin: "100", leverage: 2, slippage: 1,
      fast: 2, slow: 4, botId: "int-bot", maxTrades: 1, onTick: (price) => seen.push(price), log: (line) => log.push(line),
      onReady: () => (ready = true),
    });
    // Down (fast below slow), up (golden cross at 150.2 → open at its ask), down (death cross at
    // 149 → close at its bid). Each tick is awaited until the bot has handled it (its order
    // answered), so the gateway's coalescing cannot merge two and a fill sees the tick it chose.
    const mids = [150, 149.8, 149.6, 149.4, 150.2, 151, 152, 151, 149];
    // Subscribed before the first tick, so the strategy sees every one of them.
    await vi.waitFor(() => expect(ready).toBe(true));
    for (const [i, mid] of mids.entries()) {
      t.quote("SOL_USDC", (mid - 0.01).toFixed(2), (mid + 0.01).toFixed(2));
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(i + 1), { timeout: 5_000 });
    }
    const trades = await run;
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ entryPrice: 150.21, closePrice: 148.99 });

    const state = await api.state();
    expect(state.positions).toEqual([]);
    const history = await api.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ positionId: trades[0]?.positionId, closeReason: "manual" });
    expect(history[0]?.clientOrderId).toMatch(/^int-bot-/);
    expect(log.some((line) => line.startsWith("buy: opened"))).toBe(true);
  });
});
