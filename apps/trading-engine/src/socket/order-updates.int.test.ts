import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TOrder, TStateResponse } from "@repo/shared-types/api";
import type { ClientToServerEvents, ServerToClientEvents } from "@repo/shared-types/socket";
import { listen } from "../test-support/listen";
import { buildTestApp, type TestApp } from "../test-support/test-app";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const BUY_LIMIT = {
  asset: "SOL",
  type: "long",
  orderType: "limit",
  price: 148,
  margin: 1000,
  leverage: 10,
};

describe("order:updated (real server, real client)", () => {
  let t: TestApp;
  let base: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    t = await buildTestApp();
    base = await listen(t.app);
    t.quote("SOL_USDC", "150.00", "150.10");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await t.close();
  });

  async function client(token: string): Promise<ClientSocket> {
    const socket: ClientSocket = connect(base, {
      transports: ["websocket"],
      auth: { token },
      reconnection: false,
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return socket;
  }

  it("the owner should get order:updated for placed, changed and filled, with account:state showing orders; nobody else should", async () => {
    const owner = await t.signup();
    const other = await t.signup();
    const ownerSocket = await client(owner.token);
    const otherSocket = await client(other.token);
    const seen: TOrder[] = [];
    const states: TStateResponse[] = [];
    const leaked: TOrder[] = [];
    ownerSocket.on("order:updated", ({ order }) => seen.push(order));
    ownerSocket.on("account:state", (state) => states.push(state));
    otherSocket.on("order:updated", ({ order }) => leaked.push(order));

    const placed = await t.app.http.inject({
      method: "POST",
      url: "/api/v1/orders",
      headers: t.auth(owner.token),
      payload: BUY_LIMIT,
    });
    const orderId = placed.json<TOrder>().orderId;
    await vi.waitFor(() => expect(seen.map((o) => o.status)).toEqual(["open"]));
    await vi.waitFor(() => expect(states.at(-1)?.orders.map((o) => o.orderId)).toEqual([orderId]));
    expect(states.at(-1)?.account).toMatchObject({ orderMargin: 1000, balance: 9000 });

    await t.app.http.inject({
      method: "PATCH",
      url: `/api/v1/orders/${orderId}`,
      headers: t.auth(owner.token),
      payload: { price: 149 },
    });
    t.quote("SOL_USDC", "148.90", "149.00");
    await vi.waitFor(() => expect(seen.map((o) => o.status)).toEqual(["open", "open", "filled"]));
    expect(seen[1]?.price).toBe(149);
    expect(seen[2]).toMatchObject({ orderId, positionId: orderId });
    await vi.waitFor(() =>
      expect(states.at(-1)?.positions.map((p) => p.positionId)).toEqual([orderId]),
    );
    expect(states.at(-1)?.orders).toEqual([]);
    expect(leaked).toEqual([]);
  });
});
