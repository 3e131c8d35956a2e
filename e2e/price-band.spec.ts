import { expect, test } from "@playwright/test";
import { engineClient } from "./support/engine";
import { crashPrice, holdQuote, resetSimulator, restorePrice, setQuote, waitForPathEnd } from "./support/simulator";
import { metric, placeOrder, positionRow, showHistory, signUp } from "./support/terminal";

/** The engine's count of quotes held by the price band (PRICE_BAND_PCT). */
async function heldQuotes(): Promise<number> {
  const text = await engineClient().metrics();
  const match = /engine_quotes_refused_total\{reason="held"\} (\d+)/.exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

test.describe("@risk price band", () => {
  let restoreTo: string | null = null;

  test.afterEach(async () => {
    await waitForPathEnd("SOL_USDC");
    await resetSimulator();
    if (restoreTo) await restorePrice("SOL_USDC", restoreTo);
    restoreTo = null;
  });

  test("a lone 0.01 bid does not liquidate a 100x long; a real −60 % crash then does", async ({ page }) => {
    await signUp(page, "band");
    await placeOrder(page, { side: "long", margin: "100", leverage: 100 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();

    // One wild bid and straight back to the book it came from, before the simulator's next step
    // could repeat it (a repeated book is a confirmation); the engine must have seen and held it.
    const book = await holdQuote("SOL_USDC");
    const heldBefore = await heldQuotes();
    await setQuote("SOL_USDC", "0.01", book.ask);
    await setQuote("SOL_USDC", book.bid, book.ask);
    await expect.poll(heldQuotes, { timeout: 15_000 }).toBeGreaterThan(heldBefore);
    await resetSimulator();

    await expect(row).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Position liquidated" })).toHaveCount(0);
    await expect(metric(page, "Balance")).toHaveText("$9,900.00");
    await page.screenshot({ path: "e2e/screenshots/price-band-wild-tick-ignored.png" });

    restoreTo = await crashPrice("SOL_USDC", 60, 2_000);
    await expect(page.getByRole("alert").filter({ hasText: "Position liquidated" })).toBeVisible({ timeout: 20_000 });
    await expect(row).toHaveCount(0);
    const history = await showHistory(page);
    await expect(history.getByRole("row").filter({ hasText: "Liquidation" })).toHaveCount(1);
  });
});
