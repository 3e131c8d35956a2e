import { expect, test } from "@playwright/test";
import { centsToUsdText, usdTextToCents } from "./support/money";
import { driftPrice, holdQuote, resetSimulator } from "./support/simulator";
import { metric, placeOrder, positionRow, showHistory, signUp, ticket, waitForQuote } from "./support/terminal";

test.describe("@trading orders and positions", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("a long of 1000 at 2x adds a row, leaves 9,000 and its PnL moves; closing books the realised PnL", async ({
    page,
  }) => {
    await signUp(page, "long");
    await placeOrder(page, { side: "long", margin: "1000", leverage: 2 });

    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    await expect(row).toContainText("Long 2x");
    await expect(metric(page, "Balance")).toHaveText("$9,000.00");
    await expect(metric(page, "Used margin")).toHaveText("$1,000.00");

    const pnl = row.getByTestId("position-pnl");
    const first = await pnl.textContent();
    await driftPrice("SOL_USDC", 1.01);
    await expect(pnl).not.toHaveText(first ?? "");

    await row.getByRole("button", { name: "Close SOL long position" }).click();
    await expect(row).toHaveCount(0);
    const history = await showHistory(page);
    const closed = history.getByRole("row").filter({ hasText: "Manual" });
    await expect(closed).toHaveCount(1);
    const realised = usdTextToCents((await closed.getByTestId("realized-pnl").textContent()) ?? "");
    await expect(metric(page, "Balance")).toHaveText(centsToUsdText(1_000_000 + realised));
    await expect(metric(page, "Used margin")).toHaveText("$0.00");
  });

  test("the ticket previews entry at the ask and exactly the liquidation price the engine then stores", async ({
    page,
  }) => {
    await signUp(page, "preview");
    await waitForQuote(page);
    // Freeze the quote so the preview and the fill see the same ask.
    const { ask } = await holdQuote("SOL_USDC");
    const form = ticket(page);
    await form.getByLabel("Margin (USD)").fill("500");
    await form.getByRole("button", { name: "Set leverage 10x" }).click();
    await expect(form.getByTestId("ticket-entry")).toHaveText(Number(ask).toLocaleString("en-US", { minimumFractionDigits: 2 }));
    await expect(form.getByTestId("ticket-size")).toContainText("SOL");
    const previewLiq = (await form.getByTestId("ticket-liquidation").textContent()) ?? "";
    expect(previewLiq).toMatch(/^[\d,]+\.\d+$/);

    await form.getByRole("button", { name: "Open long SOL" }).click();
    const row = positionRow(page, "SOL", "long");
    await expect(row).toContainText("Long 10x");
    await expect(row.getByTestId("position-entry")).toHaveText(await form.getByTestId("ticket-entry").innerText());
    await expect(row.getByTestId("position-liquidation")).toHaveText(previewLiq);
  });

  test("a refused order shows its error inline", async ({ page }) => {
    await signUp(page, "refused");
    await placeOrder(page, { side: "long", margin: "20000", leverage: 5 });
    const alert = ticket(page).getByRole("alert");
    await expect(alert).toContainText("Not enough free margin");
    await expect(alert).toContainText("INSUFFICIENT_FUNDS");
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
    await expect(page.getByRole("tab", { name: "Positions (0)" })).toBeVisible();
  });

  test("a stop loss on the wrong side of the entry is refused with INVALID_STOPS", async ({ page }) => {
    await signUp(page, "stops");
    await waitForQuote(page);
    const ask = (await ticket(page).getByTestId("ticket-entry").textContent()) ?? "0";
    const above = String(Math.ceil(Number(ask.replaceAll(",", "")) * 2));
    await placeOrder(page, { side: "long", margin: "100", leverage: 2, stopLoss: above });
    await expect(ticket(page).getByRole("alert")).toContainText("INVALID_STOPS");
  });
});
