import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { silentLogger } from "../test-support/silent-logger";
import { Backoff } from "./backoff";
import { BackpackWsClient } from "./backpack-ws-client";
import { rawDataToString } from "./raw-data-to-string";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<{ wss: WebSocketServer; url: string; sockets: WebSocket[]; received: string[] }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const sockets: WebSocket[] = [];
  const received: string[] = [];
  wss.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (data) => received.push(rawDataToString(data)));
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => resolve());
      }),
  );
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, sockets, received };
}

function client(url: string, overrides: { staleLinkMs?: number; onFrame?: (text: string) => void } = {}) {
  const c = new BackpackWsClient({
    url,
    streams: ["bookTicker.SOL_USDC", "trade.SOL_USDC"],
    staleLinkMs: overrides.staleLinkMs ?? 10_000,
    backoff: new Backoff({ baseMs: 50, capMs: 200, random: () => 0.5 }),
    logger: silentLogger(),
    onFrame: overrides.onFrame ?? (() => undefined),
  });
  cleanups.push(() => c.stop());
  return c;
}

const SUBSCRIBE = JSON.stringify({ method: "SUBSCRIBE", params: ["bookTicker.SOL_USDC", "trade.SOL_USDC"] });

describe("BackpackWsClient", () => {
  it("subscribes on connect and hands every text frame over", async () => {
    const s = await server();
    const frames: string[] = [];
    const c = client(s.url, { onFrame: (t) => frames.push(t) });
    c.start();
    await vi.waitFor(() => expect(s.received).toEqual([SUBSCRIBE]));
    s.sockets[0]?.send('{"data":{},"stream":"x"}');
    await vi.waitFor(() => expect(frames).toEqual(['{"data":{},"stream":"x"}']));
    expect(c.getState()).toBe("open");
  });

  it("answers protocol pings with pongs (ws autoPong), so the server keeps the link", async () => {
    const s = await server();
    client(s.url).start();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(1));
    const pong = new Promise<string>((resolve) => s.sockets[0]?.once("pong", (data) => resolve(data.toString())));
    s.sockets[0]?.ping("keepalive");
    expect(await pong).toBe("keepalive");
  });

  it("treats a link without frames for staleLinkMs as dead, reconnects and resubscribes", async () => {
    const s = await server();
    const c = client(s.url, { staleLinkMs: 300 });
    c.start();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(1));
    // The server stays silent but keeps the socket open.
    await vi.waitFor(() => expect(s.sockets.length).toBeGreaterThanOrEqual(2), { timeout: 3_000 });
    await vi.waitFor(() => expect(s.received.filter((m) => m === SUBSCRIBE).length).toBeGreaterThanOrEqual(2));
    expect(c.reconnectCount()).toBeGreaterThanOrEqual(1);
  });

  it("keeps a link that carries frames open past staleLinkMs", async () => {
    const s = await server();
    const c = client(s.url, { staleLinkMs: 300 });
    c.start();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(1));
    const timer = setInterval(() => s.sockets[0]?.send('{"data":{},"stream":"x"}'), 50);
    cleanups.push(() => clearInterval(timer));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(s.sockets).toHaveLength(1);
    expect(c.reconnectCount()).toBe(0);
  });

  it("reconnects after the server drops the connection", async () => {
    const s = await server();
    const c = client(s.url);
    c.start();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(1));
    s.sockets[0]?.terminate();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(2));
    await vi.waitFor(() => expect(c.getState()).toBe("open"));
    expect(s.received).toEqual([SUBSCRIBE, SUBSCRIBE]);
  });

  it("keeps retrying while nothing listens, then connects when the server appears", async () => {
    const s = await server();
    const url = s.url;
    await new Promise<void>((resolve) => {
      for (const socket of s.wss.clients) socket.terminate();
      s.wss.close(() => resolve());
    });
    const c = client(url);
    c.start();
    await vi.waitFor(() => expect(c.reconnectCount()).toBeGreaterThanOrEqual(2));
    expect(c.getState()).not.toBe("open");
  });

  it("stop closes the socket with 1000 and does not reconnect", async () => {
    const s = await server();
    const c = client(s.url);
    c.start();
    await vi.waitFor(() => expect(s.sockets).toHaveLength(1));
    const closed = new Promise<number>((resolve) => s.sockets[0]?.once("close", (code) => resolve(code)));
    await c.stop();
    expect(await closed).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.sockets).toHaveLength(1);
    expect(c.getState()).toBe("stopped");
  });
});
