import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TStateResponse } from "@repo/shared-types/api";
import type { ClientToServerEvents, ServerToClientEvents, TMarketTick, TPositionClosedEvent } from "@repo/shared-types/socket";
import { listen } from "../test-support/listen";
import { buildTestApp, type TestApp } from "../test-support/test-app";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const SEED_OPEN = { asset: "SOL", type: "long", margin: 1000, leverage: 2, slippage: 0.1, currentPrice: 150.5 };

describe("Socket.IO gateway (real server, real client)", () => {
  let t: TestApp;
  let base: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    t = await buildTestApp();
    base = await listen(t.app);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await t.close();
  });

  function client(token?: string): ClientSocket {
    const socket: ClientSocket = connect(base, { transports: ["websocket"], auth: token === undefined ? {} : { token }, reconnection: false });
    clients.push(socket);
    return socket;
  }

  function connected(socket: ClientSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
  }

  async function subscribe(socket: ClientSocket, symbols: string[]): Promise<unknown> {
    return socket.emitWithAck("market:subscribe", { symbols });
  }

  it("a tokenless client should get market:tick for subscribed symbols only", async () => {
    const socket = client();
    await connected(socket);
    expect(await subscribe(socket, ["SOL_USDC"])).toEqual({ data: { symbols: ["SOL_USDC"] } });
    const ticks: TMarketTick[] = [];
    socket.on("market:tick", (tick) => ticks.push(tick));
    t.quote("BTC_USDC", "60000", "60001");
    t.quote("SOL_USDC", "150.49", "150.51", "150.5");
    await vi.waitFor(() => expect(ticks.length).toBeGreaterThan(0));
    expect(ticks[0]).toMatchObject({ symbol: "SOL_USDC", bid: 150.49, ask: 150.51, price: 150.5 });
    expect(ticks.every((x) => x.symbol === "SOL_USDC")).toBe(true);
  });

  it("ticks should be coalesced to ≤ 10 per second per symbol, end on the latest quote and never go back in time", async () => {
    const socket = client();
    await connected(socket);
    await subscribe(socket, ["SOL_USDC"]);
    const ticks: TMarketTick[] = [];
    socket.on("market:tick", (tick) => ticks.push(tick));
    const started = Date.now();
    for (let i = 0; i < 100; i += 1) {
      t.quote("SOL_USDC", `${150 + i / 100}`, `${150.02 + i / 100}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsed = Date.now() - started;
    await vi.waitFor(() => expect(ticks.at(-1)?.bid).toBe(150.99));
    expect(ticks.length).toBeLessThanOrEqual(Math.ceil((elapsed + 200) / 100) + 1);
    expect(ticks.length).toBeLessThan(100);
    for (let i = 1; i < ticks.length; i += 1) {
      expect(ticks[i]?.timestamp ?? 0).toBeGreaterThan(ticks[i - 1]?.timestamp ?? 0);
    }
  });

  it("a tick should be sent on the leading edge of its window, and one inside the window should wait", async () => {
    // A one-minute window: a tick that arrives at all was sent at once, not at the window's end.
    const slow = await buildTestApp({ config: { tickIntervalMs: 60_000 } });
    try {
      const socket: ClientSocket = connect(await listen(slow.app), { transports: ["websocket"], reconnection: false });
      clients.push(socket);
      await connected(socket);
      await subscribe(socket, ["SOL_USDC"]);
      const ticks: TMarketTick[] = [];
      socket.on("market:tick", (tick) => ticks.push(tick));
      slow.quote("SOL_USDC", "150.49", "150.51", "150.5");
      await vi.waitFor(() => expect(ticks).toHaveLength(1));
      expect(ticks[0]).toMatchObject({ bid: 150.49 });
      slow.quote("SOL_USDC", "150.59", "150.61", "150.6");
      // After a full round trip to the server, the quote inside the window has still not been sent.
      expect(await socket.emitWithAck("market:subscribe", { symbols: ["SOL_USDC"] })).toEqual({ data: { symbols: ["SOL_USDC"] } });
      expect(ticks).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it("invalid subscribe payloads should be acked with INVALID_REQUEST", async () => {
    const socket = client();
    await connected(socket);
    for (const payload of [{ symbols: [] }, { symbols: ["nope"] }, { symbols: ["DOGE_USDC"] }, { symbols: ["SOL_USDC"], extra: 1 }, "x", null]) {
      const ack = (await socket.emitWithAck("market:subscribe", payload)) as { error?: { code: string } };
      expect(ack.error?.code).toBe("INVALID_REQUEST");
    }
  });

  it("a bad token should be refused at the handshake with connect_error", async () => {
    const socket = client("not-a-real-token-at-all");
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once("connect_error", resolve));
    expect(error.data?.code).toBe("UNAUTHENTICATED");
  });

  it("account:state and position:closed should reach only the owner", async () => {
    t.quote("SOL_USDC", "150.49", "150.51");
    const alice = await t.signup();
    const bob = await t.signup();
    const aliceSocket = client(alice.token);
    const bobSocket = client(bob.token);
    const aliceStates: TStateResponse[] = [];
    const bobStates: TStateResponse[] = [];
    const aliceClosed: TPositionClosedEvent[] = [];
    const bobClosed: TPositionClosedEvent[] = [];
    aliceSocket.on("account:state", (s) => aliceStates.push(s));
    bobSocket.on("account:state", (s) => bobStates.push(s));
    aliceSocket.on("position:closed", (e) => aliceClosed.push(e));
    bobSocket.on("position:closed", (e) => bobClosed.push(e));
    await Promise.all([connected(aliceSocket), connected(bobSocket)]);
    // The state is pushed on connect.
    await vi.waitFor(() => expect(aliceStates.at(-1)?.balances.USD).toBe(10000));
    await vi.waitFor(() => expect(bobStates).toHaveLength(1));

    const open = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(alice.token), payload: SEED_OPEN });
    const positionId = open.json<{ positionId: string }>().positionId;
    await vi.waitFor(() => expect(aliceStates.at(-1)?.positions.map((p) => p.positionId)).toEqual([positionId]));
    await t.app.http.inject({ method: "POST", url: "/api/v1/positions/close", headers: t.auth(alice.token), payload: { positionId } });
    await vi.waitFor(() => expect(aliceClosed).toHaveLength(1));
    expect(aliceClosed[0]?.position).toMatchObject({ positionId, closeReason: "manual" });
    await vi.waitFor(() => expect(aliceStates.at(-1)?.balances.USD).toBe(9999.73));

    // A liquidation is pushed as well.
    const second = await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(alice.token), payload: { ...SEED_OPEN, leverage: 50 } });
    expect(second.statusCode).toBe(201);
    t.quote("SOL_USDC", "140", "140.02");
    await vi.waitFor(() => expect(aliceClosed).toHaveLength(2));
    expect(aliceClosed[1]?.position.closeReason).toBe("liquidation");

    expect(bobClosed).toEqual([]);
    expect(bobStates).toHaveLength(1);
  });

  it("PnL-driven account:state should be throttled to ≤ 4 per second", async () => {
    t.quote("SOL_USDC", "150.49", "150.51");
    const alice = await t.signup();
    await t.app.http.inject({ method: "POST", url: "/api/v1/positions/open", headers: t.auth(alice.token), payload: SEED_OPEN });
    const socket = client(alice.token);
    const states: TStateResponse[] = [];
    socket.on("account:state", (s) => states.push(s));
    await connected(socket);
    await vi.waitFor(() => expect(states).toHaveLength(1));
    const started = Date.now();
    for (let i = 1; i <= 50; i += 1) {
      t.quote("SOL_USDC", `${150.49 + i / 100}`, `${150.51 + i / 100}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const elapsed = Date.now() - started;
    await vi.waitFor(() => expect(states.at(-1)?.positions[0]?.currentPrice).toBe(150.99));
    const pnlStates = states.length - 1;
    expect(pnlStates).toBeGreaterThan(0);
    expect(pnlStates).toBeLessThanOrEqual(Math.ceil((elapsed + 250) / 250) + 1);
  });

  it("signing out should disconnect sockets opened with that token", async () => {
    const alice = await t.signup();
    const socket = client(alice.token);
    await connected(socket);
    const disconnected = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    await t.app.http.inject({ method: "POST", url: "/api/v1/auth/signout", headers: t.auth(alice.token) });
    await disconnected;
    expect(socket.connected).toBe(false);
  });
  it("an API key should authenticate the handshake, get account:state, and be disconnected and refused once revoked", async () => {
    const alice = await t.signup();
    const created = await t.app.http.inject({ method: "POST", url: "/api/v1/api-keys", headers: t.auth(alice.token), payload: { name: "bot", scopes: ["read"] } });
    const { id, key } = created.json<{ id: string; key: string }>();
    const socket = client(key);
    const states: TStateResponse[] = [];
    socket.on("account:state", (s) => states.push(s));
    await connected(socket);
    await vi.waitFor(() => expect(states.at(-1)?.balances.USD).toBe(10000));
    const disconnected = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    await t.app.http.inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers: t.auth(alice.token) });
    await disconnected;
    const again = client(key);
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => again.once("connect_error", resolve));
    expect(error.data?.code).toBe("UNAUTHENTICATED");
  });
});
