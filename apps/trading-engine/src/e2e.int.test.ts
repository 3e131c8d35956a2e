import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import type { TMarketInfo, TStateResponse } from "@repo/shared-types/api";
import type { ClientToServerEvents, ServerToClientEvents, TMarketTick, TPositionClosedEvent } from "@repo/shared-types/socket";
import { api, freePort, spawnEngine, type EngineProcess } from "./test-support/engine-process";

const MARKET_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../market-data-service");
const SIMULATOR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../packages/backpack-simulator");

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

describe("end to end: simulator → market-data-service → dev broker → engine → client", () => {
  let broker: DevBroker | null = null;
  let simulator: ChildProcess | null = null;
  let marketData: ChildProcess | null = null;
  let engine: EngineProcess | null = null;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "e2e-engine-"));
  let marketDataLog = "";

  afterAll(async () => {
    socket?.disconnect();
    await engine?.kill9();
    for (const child of [marketData, simulator]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited(child);
      }
    }
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a client should trade over REST, stream ticks and state over Socket.IO, and see its position liquidated by a crash", async () => {
    broker = await startDevBroker({ brokers: 1 });
    const brokers = broker.bootstrapServers.join(",");

    simulator = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--port", "0", "--host", "127.0.0.1"], {
      cwd: SIMULATOR_DIR,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const announced = await new Promise<string>((resolve) => {
      if (simulator?.stdout) createInterface({ input: simulator.stdout }).once("line", resolve);
    });
    const sim = JSON.parse(announced) as { wsUrl: string; restUrl: string };
    const control = async (endpoint: string, body: unknown): Promise<void> => {
      const res = await fetch(`${sim.restUrl}/_control/${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    };
    await control("quote", { symbol: "SOL_USDC", bid: "150.49", ask: "150.51" });

    marketData = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: MARKET_DATA_DIR,
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        MARKET_FEED: "backpack",
        BACKPACK_WS_URL: sim.wsUrl,
        BACKPACK_REST_URL: sim.restUrl,
        KAFKA_BROKERS: brokers,
        HEALTH_PORT: String(await freePort()),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    marketData.stdout?.on("data", (c: Buffer) => (marketDataLog += c.toString()));
    marketData.stderr?.on("data", (c: Buffer) => (marketDataLog += c.toString()));

    engine = await spawnEngine({ KAFKA_BROKERS: brokers, DATA_DIR: dataDir, KAFKA_MAX_WAIT_MS: "10" });
    const base = engine.baseUrl;

    // Prices flow all the way through: the engine's market shows the simulator's quote.
    await vi.waitFor(
      async () => {
        const markets = await api<TMarketInfo[]>(base, "GET", "/api/v1/markets");
        const sol = markets.body.find((m) => m.symbol === "SOL_USDC");
        if (sol?.stale !== false || sol.bid !== 150.49) throw new Error(`SOL not fresh yet: ${JSON.stringify(sol)}\n${marketDataLog.slice(-2000)}`);
      },
      { timeout: 45_000, interval: 250 },
    );

    // Candle history backfilled by the market-data service is served for the chart.
    await vi.waitFor(
      async () => {
        const candles = await api<{ time: number }[]>(base, "GET", "/api/v1/candles?symbol=SOL_USDC&interval=1m&limit=500");
        expect(candles.body.length).toBeGreaterThan(100);
        const times = candles.body.map((c) => c.time);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      },
      { timeout: 20_000, interval: 250 },
    );

    const signup = await api<{ token: string }>(base, "POST", "/api/v1/auth/signup", { body: { email: "e2e@example.com", password: "password123" } });
    expect(signup.status).toBe(201);
    const token = signup.body.token;

    const ticks: TMarketTick[] = [];
    const states: TStateResponse[] = [];
    const closed: TPositionClosedEvent[] = [];
    socket = connect(base, { transports: ["websocket"], auth: { token }, reconnection: false });
    socket.on("market:tick", (t) => ticks.push(t));
    socket.on("account:state", (s) => states.push(s));
    socket.on("position:closed", (e) => closed.push(e));
    await new Promise<void>((resolve, reject) => {
      socket?.once("connect", () => resolve());
      socket?.once("connect_error", reject);
    });
    await socket.emitWithAck("market:subscribe", { symbols: ["SOL_USDC"] });
    // Let the simulator move again so ticks flow, then hold a known quote for the order.
    await control("resume", { symbol: "SOL_USDC" });
    await vi.waitFor(() => expect(ticks.length).toBeGreaterThan(0), { timeout: 15_000 });
    await vi.waitFor(() => expect(states.length).toBeGreaterThan(0));

    const open = await api<{ positionId: string; liquidationPrice: number; entryPrice: number }>(base, "POST", "/api/v1/positions/open", {
      token,
      body: { asset: "SOL", type: "long", margin: 1000, leverage: 10 },
    });
    expect(open.status).toBe(201);
    const { positionId } = open.body;
    await vi.waitFor(() => expect(states.at(-1)?.positions.map((p) => p.positionId)).toEqual([positionId]));

    // The simulator crashes the price far below the liquidation price.
    const target = Math.floor(open.body.liquidationPrice * 0.8);
    await control("path", { symbol: "SOL_USDC", to: String(target), durationMs: 1_500, hold: true });
    await vi.waitFor(() => expect(closed).toHaveLength(1), { timeout: 30_000 });
    expect(closed[0]?.position).toMatchObject({ positionId, closeReason: "liquidation", realizedPnL: -1000 });

    const state = await api<TStateResponse>(base, "GET", "/api/v1/state", { token });
    expect(state.body.positions).toEqual([]);
    expect(state.body.balances.USD).toBe(10_000 - 1_000);
    await vi.waitFor(() => expect(states.at(-1)?.balances.USD).toBe(9_000));
  }, 150_000);
});
