import { expect, test } from "@playwright/test";
import { driftPrice, resetSimulator } from "./support/simulator";
import { signUp } from "./support/terminal";

test.describe("@market live prices", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("the market list shows live bid/ask for SOL, BTC and ETH and the price moves", async ({ page }) => {
    await signUp(page, "market");
    const markets = page.getByRole("list", { name: "Markets" });
    for (const name of ["SOL/USDC", "BTC/USDC", "ETH/USDC"]) {
      const card = markets.getByRole("button", { name });
      await expect(card.getByTestId("bid")).toHaveText(/^[\d,]+\.\d+$/);
      await expect(card.getByTestId("ask")).toHaveText(/^[\d,]+\.\d+$/);
    }
    const solBid = markets.getByRole("button", { name: "SOL/USDC" }).getByTestId("bid");
    const before = await solBid.textContent();
    await driftPrice("SOL_USDC", 1.02);
    await expect(solBid).not.toHaveText(before ?? "");
  });

  test("the chart draws candles from history and keeps drawing from live ticks at every interval", async ({ page }) => {
    await signUp(page, "chart");
    const chart = page.getByRole("img", { name: "SOL/USDC 1m candlestick chart" });
    await expect(chart).toBeVisible();
    await expect.poll(async () => Number(await chart.getAttribute("data-bar-count")), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(chart.locator("canvas").first()).toBeVisible();

    const close = await chart.getAttribute("data-last-close");
    await driftPrice("SOL_USDC", 0.98);
    await expect(chart).not.toHaveAttribute("data-last-close", close ?? "");

    for (const interval of ["5m", "15m", "1h", "4h", "1d"]) {
      await page.getByRole("button", { name: `${interval} candles`, exact: true }).click();
      const other = page.getByRole("img", { name: `SOL/USDC ${interval} candlestick chart` });
      await expect.poll(async () => Number(await other.getAttribute("data-bar-count"))).toBeGreaterThan(0);
    }

    await page.getByRole("button", { name: "BTC/USDC" }).click();
    await expect(page.getByRole("img", { name: "BTC/USDC 1d candlestick chart" })).toBeVisible();
  });
});
