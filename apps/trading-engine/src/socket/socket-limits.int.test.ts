import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "@repo/shared-types/socket";
import { listen } from "../test-support/listen";
import { buildTestApp, type TestApp } from "../test-support/test-app";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe("Socket.IO handshake limits and signout-all (real server, real client)", () => {
  let t: TestApp | null = null;
  const clients: ClientSocket[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await t?.close();
    t = null;
  });

  function client(base: string, token?: string): ClientSocket {
    const socket: ClientSocket = connect(base, { transports: ["websocket"], auth: token === undefined ? {} : { token }, reconnection: false, forceNew: true });
    clients.push(socket);
    return socket;
  }

  /** "connected", or the connect_error's data.code. */
  function outcome(socket: ClientSocket): Promise<string> {
    return new Promise((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
    });
  }

  it("handshakes over the per-IP cap should be refused with connect_error RATE_LIMITED", async () => {
    t = await buildTestApp({ config: { socketHandshakesPerIpPerMinute: 3 } });
    const base = await listen(t.app);
    const results: string[] = [];
    for (let i = 0; i < 5; i += 1) results.push(await outcome(client(base)));
    expect(results).toEqual(["connected", "connected", "connected", "RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("POST /api/v1/auth/signout-all should revoke every session and disconnect all their sockets", async () => {
    t = await buildTestApp();
    const app = t;
    const base = await listen(app.app);
    const email = `all-${Date.now()}@example.com`;
    const first = await app.signup(email);
    const signin = await app.app.http.inject({ method: "POST", url: "/api/v1/auth/signin", payload: { email, password: "correct horse battery" } });
    const second = signin.json<{ token: string }>().token;
    const sockets = [client(base, first.token), client(base, second)];
    expect(await Promise.all(sockets.map(outcome))).toEqual(["connected", "connected"]);
    const gone = Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once("disconnect", () => resolve()))));
    const res = await app.app.http.inject({ method: "POST", url: "/api/v1/auth/signout-all", headers: app.auth(second) });
    expect(res.statusCode).toBe(200);
    await gone;
    for (const token of [first.token, second]) {
      const me = await app.app.http.inject({ method: "GET", url: "/api/v1/auth/me", headers: app.auth(token) });
      expect(me.statusCode).toBe(401);
    }
  });

  it("sign-in should answer 429 RATE_LIMITED with Retry-After after 10 failures for one email", async () => {
    t = await buildTestApp();
    const app = t;
    const email = `throttle-${Date.now()}@example.com`;
    await app.signup(email);
    const signin = (password: string) => app.app.http.inject({ method: "POST", url: "/api/v1/auth/signin", payload: { email, password } });
    for (let i = 0; i < 10; i += 1) expect((await signin("wrong-password")).statusCode).toBe(401);
    const blocked = await signin("correct horse battery");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });
});
