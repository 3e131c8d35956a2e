import { expect, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

/** A fresh address per test, so tests never share an account. */
export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** The value cell of one account-bar metric ("Balance", "Free margin", …). */
export function metric(page: Page, name: string): Locator {
  return page.getByRole("group", { name, exact: true }).locator("dd");
}

export function feedBadge(page: Page): Locator {
  return page.getByRole("status", { name: "Price feed" });
}

export function ticket(page: Page): Locator {
  return page.getByRole("form", { name: "Order ticket" });
}

/** Signs a new account up through the UI and waits for the terminal to show its $10,000. */
export async function signUp(page: Page, tag = "trader"): Promise<string> {
  const email = uniqueEmail(tag);
  await page.goto("/");
  await page.getByRole("tab", { name: "Sign up" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(metric(page, "Balance")).toHaveText("$10,000.00");
  return email;
}

/** Waits until the ticket has a live quote for the selected market (the submit button is enabled). */
export async function waitForQuote(page: Page): Promise<void> {
  await expect(ticket(page).getByRole("button", { name: /^Open (long|short)/ })).toBeEnabled({ timeout: 30_000 });
}

/** Fills the ticket and submits it. */
export async function placeOrder(
  page: Page,
  order: { side: "long" | "short"; margin: string; leverage: number; stopLoss?: string; takeProfit?: string },
): Promise<void> {
  const form = ticket(page);
  await form.getByRole("button", { name: order.side === "long" ? "Long" : "Short", exact: true }).click();
  await form.getByLabel("Margin (USD)").fill(order.margin);
  const preset = form.getByRole("button", { name: `Set leverage ${order.leverage}x` });
  if ((await preset.count()) > 0) await preset.click();
  else await form.getByLabel("Leverage", { exact: true }).fill(String(order.leverage));
  await expect(form.getByLabel("Leverage", { exact: true })).toHaveValue(String(order.leverage));
  if (order.stopLoss) await form.getByLabel("Stop loss").fill(order.stopLoss);
  if (order.takeProfit) await form.getByLabel("Take profit").fill(order.takeProfit);
  await waitForQuote(page);
  await form.getByRole("button", { name: /^Open (long|short)/ }).click();
}

/** The open-position row for an asset and side (found by its close button). */
export function positionRow(page: Page, asset: string, side: "long" | "short"): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: `Close ${asset} ${side} position` }) });
}

export async function showHistory(page: Page): Promise<Locator> {
  await page.getByRole("tab", { name: "History" }).click();
  return page.getByRole("table", { name: "Closed positions" });
}

export async function showPositions(page: Page): Promise<void> {
  await page.getByRole("tab", { name: /^Positions/ }).click();
}
