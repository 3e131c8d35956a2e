import { expect, test, type Page } from "@playwright/test";
import { placeOrder, positionRow, showHistory, signUp, ticket, waitForQuote } from "./support/terminal";

const DIR = "e2e/screenshots";

/** Toasts are transient; dismiss them so the screenshots show the terminal itself. */
async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole("button", { name: "Dismiss notification" });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

async function chartDrawn(page: Page): Promise<void> {
  const chart = page.getByTestId("candle-chart");
  await expect.poll(async () => Number(await chart.getAttribute("data-bar-count")), { timeout: 20_000 }).toBeGreaterThan(0);
}

test.describe("@visual screenshots", () => {
  test("the terminal at desktop (1440×900) and phone (390×844) widths", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
    await page.screenshot({ path: `${DIR}/auth-phone.png` });

    await page.setViewportSize({ width: 1440, height: 900 });
    await signUp(page, "shots");
    await waitForQuote(page);
    // Stops must sit between the liquidation price (−10 % at 10x) and the entry: use ∓5 %.
    const entry = Number(((await ticket(page).getByTestId("ticket-entry").textContent()) ?? "").replaceAll(",", ""));
    await placeOrder(page, {
      side: "long",
      margin: "1000",
      leverage: 10,
      stopLoss: (entry * 0.95).toFixed(2),
      takeProfit: (entry * 1.05).toFixed(2),
    });
    await expect(positionRow(page, "SOL", "long")).toBeVisible();
    await chartDrawn(page);
    await dismissToasts(page);
    await page.screenshot({ path: `${DIR}/terminal-desktop.png` });

    await page.setViewportSize({ width: 390, height: 844 });
    await chartDrawn(page);
    await page.screenshot({ path: `${DIR}/terminal-phone.png` });
    await page.screenshot({ path: `${DIR}/terminal-phone-full.png`, fullPage: true });

    // Nothing may overflow the phone viewport sideways (tables scroll inside their own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 1440, height: 900 });
    await positionRow(page, "SOL", "long").getByRole("button", { name: "Close SOL long position" }).click();
    const history = await showHistory(page);
    await expect(history.getByRole("row").filter({ hasText: "Manual" })).toHaveCount(1);
    await page.screenshot({ path: `${DIR}/history-desktop.png` });
  });
});
