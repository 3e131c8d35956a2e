import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { holdQuote, resetSimulator, setQuote } from "./support/simulator";
import { metric, placeOrder, positionRow, showHistory, signUp, ticket, waitForQuote } from "./support/terminal";

const DIR = "e2e/screenshots";

function alertsPanel(page: Page) {
  return page.getByRole("region", { name: "Price alerts" });
}

/** Two decimals more or less than a quote, as the simulator's string. */
function offset(price: string, delta: number): string {
  return (Number(price) + delta).toFixed(2);
}

test.describe("@tools trader tools", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("an alert set from the alerts panel fires as a toast when the price crosses it, and an armed one can be removed", async ({
    page,
  }) => {
    await signUp(page, "alert");
    await waitForQuote(page);
    const { bid, ask } = await holdQuote("SOL_USDC");
    const panel = alertsPanel(page);
    // The field starts at the market's price on its tick.
    await expect(panel.getByLabel("Alert price")).toHaveValue(/^\d+\.\d{2}$/);
    await panel.getByLabel("Alert condition").selectOption("above");
    const target = offset(ask, 1);
    await panel.getByLabel("Alert price").fill(target);
    await panel.getByRole("button", { name: "Set alert" }).click();
    await expect(panel.getByRole("list", { name: "Alerts" })).toContainText(`≥ ${Number(target).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);

    await panel.getByLabel("Alert condition").selectOption("below");
    await panel.getByLabel("Alert price").fill(offset(bid, -50));
    await panel.getByRole("button", { name: "Set alert" }).click();
    await expect(panel.getByRole("listitem")).toHaveCount(2);

    await setQuote("SOL_USDC", offset(ask, 1.5), offset(ask, 1.6));
    await expect(page.getByText(/^Price alert: SOL\/USDC ≥/)).toBeVisible();
    await expect(panel.getByText("fired")).toBeVisible();
    await page.screenshot({ path: `${DIR}/alert-fired.png` });

    await panel.getByRole("button", { name: /^Remove alert SOL\/USDC below/ }).click();
    await expect(panel.getByRole("listitem")).toHaveCount(1);
  });

  test("reset returns the account to $10,000 with no positions; the Account view charts the balance", async ({ page }) => {
    // Orders, a reset and the history on a shared two-core machine: more than the default 90 s.
    test.slow();
    await signUp(page, "reset");
    await placeOrder(page, { side: "long", margin: "1000", leverage: 10 });
    await expect(positionRow(page, "SOL", "long")).toBeVisible();
    await expect(metric(page, "Balance")).toHaveText("$9,000.00");

    await page.getByRole("button", { name: "Account", exact: true }).click();
    const account = page.getByRole("dialog", { name: "Account" });
    await account.getByRole("button", { name: "Reset demo account" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Reset demo account?" });
    // Esc cancels the confirmation, not the reset.
    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await expect(metric(page, "Balance")).toHaveText("$9,000.00");
    await account.getByRole("button", { name: "Reset demo account" }).click();
    await confirm.getByRole("button", { name: "Reset account" }).click();
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
    await expect(metric(page, "Used margin")).toHaveText("$0.00");

    // Deposit, the reset's close and the reset's adjustment: the curve has points, the figures one trade.
    await expect(account.getByRole("img", { name: "Balance and equity chart" })).toHaveAttribute("data-points", /^[1-9]/);
    await expect(account.getByRole("definition").filter({ hasText: /^\d+$/ }).first()).toHaveText("1");
    await page.screenshot({ path: `${DIR}/account-view.png` });
    await page.keyboard.press("Escape");
    await expect(account).toHaveCount(0);

    await expect(page.getByText("No open positions.")).toBeVisible();
    const history = await showHistory(page);
    await expect(history.getByRole("row").filter({ hasText: "Account reset" })).toHaveCount(1);
  });

  test("Download CSV gives the closed trades with the ClosedPosition header and exact decimals", async ({ page }) => {
    test.slow();
    await signUp(page, "csv");
    for (const side of ["long", "short"] as const) {
      await placeOrder(page, { side, margin: "100", leverage: 5 });
      const row = positionRow(page, "SOL", side);
      await row.getByRole("button", { name: `Close SOL ${side} position` }).click();
      await expect(row).toHaveCount(0);
    }
    await showHistory(page);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("history.csv");
    const lines = readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^positionId,asset,type,margin,leverage,entryPrice,quantity,/);
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/,SOL,(long|short),100\.00,5,/);
      expect(line).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
      expect(line).toMatch(/,manual$/);
    }
  });

  test("keyboard: B and S focus the ticket on long and short, ? shows the help, Esc closes it", async ({ page }) => {
    await signUp(page, "keys");
    const form = ticket(page);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("s");
    await expect(form.getByRole("button", { name: "Short", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(form.getByLabel("Margin (USD)")).toBeFocused();
    // Typing in a field is typing, not a shortcut.
    await page.keyboard.type("5");
    await expect(form.getByRole("button", { name: "Short", exact: true })).toHaveAttribute("aria-pressed", "true");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("b");
    await expect(form.getByRole("button", { name: "Long", exact: true })).toHaveAttribute("aria-pressed", "true");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Order ticket: long");
    await page.screenshot({ path: `${DIR}/keyboard-help.png` });
    await page.keyboard.press("Escape");
    await expect(help).toHaveCount(0);
  });
});
