import { expect, test } from "@playwright/test";
import { crashPrice, resetSimulator, restorePrice, waitForPathEnd } from "./support/simulator";
import { metric, placeOrder, positionRow, showHistory, signUp } from "./support/terminal";

test.describe("@risk liquidation", () => {
  let restoreTo: string | null = null;

  test.afterEach(async () => {
    // Let the crash finish (the position is liquidated about 1 % in): resetting cancels a path.
    await waitForPathEnd("SOL_USDC");
    await resetSimulator();
    if (restoreTo) await restorePrice("SOL_USDC", restoreTo);
    restoreTo = null;
  });

  test("a 100x long is liquidated by a crash: toast, history says liquidation, balance 10,000 − margin", async ({
    page,
  }) => {
    await signUp(page, "liquidated");
    await placeOrder(page, { side: "long", margin: "100", leverage: 100 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    await expect(metric(page, "Balance")).toHaveText("$9,900.00");

    restoreTo = await crashPrice("SOL_USDC", 60, 2_000);

    await expect(page.getByRole("alert").filter({ hasText: "Position liquidated" })).toBeVisible({ timeout: 20_000 });
    await expect(row).toHaveCount(0);
    const history = await showHistory(page);
    const closed = history.getByRole("row").filter({ hasText: "Liquidation" });
    await expect(closed).toHaveCount(1);
    await expect(closed.getByTestId("realized-pnl")).toHaveText("-$100.00");
    await expect(metric(page, "Balance")).toHaveText("$9,900.00");
    await expect(metric(page, "Equity")).toHaveText("$9,900.00");
  });
});
