import { expect, test, type WebSocketRoute } from "@playwright/test";
import { driftPrice, resetSimulator } from "./support/simulator";
import { feedBadge, metric, signUp } from "./support/terminal";

test.describe("@feed reconnect", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("a dropped socket shows reconnecting, then reconnects, resubscribes and prices move again", async ({ page }) => {
    // Route the Socket.IO WebSocket through the test so it can cut the link (browser offline
    // emulation leaves open WebSockets alone).
    let outage = false;
    let connections = 0;
    let ticksAfterReconnect = 0;
    const open = new Set<WebSocketRoute>();
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (outage) {
        void ws.close({ code: 1011, reason: "test outage" });
        return;
      }
      const server = ws.connectToServer();
      const generation = connections++;
      // Ticks only reach sockets that subscribed: one on a later connection proves resubscription.
      server.onMessage((message) => {
        if (generation > 0 && typeof message === "string" && message.includes('"market:tick"')) ticksAfterReconnect++;
        ws.send(message);
      });
      open.add(ws);
      ws.onClose(() => {
        open.delete(ws);
        void server.close();
      });
    });

    await signUp(page, "reconnect");
    await expect(feedBadge(page)).toHaveText("Simulated");

    outage = true;
    for (const ws of [...open]) await ws.close({ code: 1011, reason: "test outage" });
    await expect(feedBadge(page)).toHaveText("Reconnecting");

    outage = false;
    await expect(feedBadge(page)).toHaveText("Simulated", { timeout: 30_000 });
    await expect.poll(() => ticksAfterReconnect).toBeGreaterThan(0);
    const bid = page.getByRole("button", { name: "SOL/USDC" }).getByTestId("bid");
    const before = await bid.textContent();
    await driftPrice("SOL_USDC", 1.02);
    await expect(bid).not.toHaveText(before ?? "");
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
  });
});
