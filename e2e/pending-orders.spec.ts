import { expect, test, type Locator, type Page } from "@playwright/test";
import { holdQuote, resetSimulator, setQuote } from "./support/simulator";
import { metric, positionRow, signUp, waitForQuote } from "./support/terminal";

const DIR = "test-results/pending-orders";

/** The terminal's price text: grouping, at least two decimals. */
const shown = (price: string): string => Number(price).toLocaleString("en-US", { minimumFractionDigits: 2 });
const at = (value: number): string => value.toFixed(2);

/** Freezes SOL's quote and returns it as numbers (the spread is kept for the quotes we send). */
async function frozenQuote(): Promise<{ bid: number; ask: number; spread: number }> {
  const { bid, ask } = await holdQuote("SOL_USDC");
  return { bid: Number(bid), ask: Number(ask), spread: Number(ask) - Number(bid) };
}

/** Sends a quote with the given ask and the frozen spread. */
async function askAt(ask: number, spread: number): Promise<void> {
  await setQuote("SOL_USDC", at(ask - spread), at(ask));
}

async function openTicketTab(page: Page, tab: "Limit" | "Stop"): Promise<Locator> {
  await page.getByRole("tab", { name: tab, exact: true }).click();
  return page.getByRole("form", { name: `${tab} order ticket` });
}

async function placePending(
  page: Page,
  order: { tab: "Limit" | "Stop"; price: string; margin: string; leverage: number },
): Promise<Locator> {
  const form = await openTicketTab(page, order.tab);
  await form.getByLabel(`Buy ${order.tab.toLowerCase()} price`).fill(order.price);
  await form.getByLabel("Margin (USD)").fill(order.margin);
  await form.getByLabel("Leverage").fill(String(order.leverage));
  await form.getByRole("button", { name: `Place buy ${order.tab.toLowerCase()} SOL` }).click();
  return form;
}

async function showOrders(page: Page): Promise<void> {
  await page.getByRole("tab", { name: /^Orders/ }).click();
}

const openOrderRow = (page: Page, label: string) =>
  page.getByRole("table", { name: "Open orders" }).getByRole("row").filter({ hasText: label });
const historyRow = (page: Page, status: string) =>
  page.getByRole("table", { name: "Order history" }).getByRole("row").filter({ hasText: status });

async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole("button", { name: "Dismiss notification" });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

test.describe("@orders pending limit and stop orders", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("a buy limit below the market fills when the ask falls through it, at that ask, and the position appears", async ({
    page,
  }) => {
    await signUp(page, "limit");
    await waitForQuote(page);
    const { ask, spread } = await frozenQuote();
    const form = await openTicketTab(page, "Limit");
    const price = form.getByLabel("Buy limit price");
    // Prefilled from the quote (the ask, for a buy), which a buy limit must be below: the rule says so.
    await expect.poll(async () => Number(await price.inputValue())).toBe(ask);
    await expect(form.getByText(/A buy limit must be below the ask/)).toBeVisible();
    await expect(form.getByRole("button", { name: "Place buy limit SOL" })).toBeDisabled();

    const limit = at(ask * 0.99);
    await placePending(page, { tab: "Limit", price: limit, margin: "1000", leverage: 10 });
    await expect(form.getByText(/must be below/)).toHaveCount(0);
    await expect(metric(page, "Order margin")).toHaveText("$1,000.00");
    await expect(metric(page, "Balance")).toHaveText("$9,000.00");
    await expect(metric(page, "Free margin")).toHaveText("$9,000.00");
    await showOrders(page);
    await expect(openOrderRow(page, "Buy limit")).toContainText(shown(limit));
    await dismissToasts(page);
    await page.screenshot({ path: `${DIR}/limit-resting.png` });

    // Down towards it, not yet through it: nothing happens; then through it.
    await askAt(Number(limit) + 0.05, spread);
    const fillAsk = at(Number(limit) - 0.05);
    await askAt(Number(fillAsk), spread);
    await expect(page.getByRole("alert").filter({ hasText: "Order filled: Buy limit SOL" })).toBeVisible();
    await expect(openOrderRow(page, "Buy limit")).toHaveCount(0);
    await expect(historyRow(page, "Filled")).toHaveCount(1);
    await expect(metric(page, "Order margin")).toHaveText("$0.00");
    await expect(metric(page, "Used margin")).toHaveText("$1,000.00");
    await page.getByRole("tab", { name: /^Positions/ }).click();
    const row = positionRow(page, "SOL", "long");
    await expect(row.getByTestId("position-entry")).toHaveText(shown(fillAsk));
    await expect(row).toContainText("Long 10x");
    await dismissToasts(page);
    await page.screenshot({ path: `${DIR}/limit-filled.png` });
  });

  test("a buy stop above the market fills on a gap at the gapped ask", async ({ page }) => {
    await signUp(page, "stop");
    await waitForQuote(page);
    const { ask, spread } = await frozenQuote();
    const stop = at(ask * 1.01);
    await placePending(page, { tab: "Stop", price: stop, margin: "500", leverage: 5 });
    await expect(metric(page, "Order margin")).toHaveText("$500.00");
    // One quote jumps from below the stop to 3 % above the market: the fill is at that price.
    const gapped = at(ask * 1.03);
    await askAt(Number(gapped), spread);
    await expect(page.getByRole("alert").filter({ hasText: "Order filled: Buy stop SOL" })).toBeVisible();
    await expect(positionRow(page, "SOL", "long").getByTestId("position-entry")).toHaveText(shown(gapped));
  });

  test("editing an order inline changes its price; cancelling releases its margin to the free margin", async ({ page }) => {
    await signUp(page, "cancel");
    await waitForQuote(page);
    const { ask } = await frozenQuote();
    await placePending(page, { tab: "Limit", price: at(ask * 0.98), margin: "500", leverage: 2 });
    await expect(metric(page, "Free margin")).toHaveText("$9,500.00");
    await showOrders(page);
    const row = openOrderRow(page, "Buy limit");
    await row.getByRole("button", { name: /^Edit Buy limit SOL/ }).click();
    const lower = at(ask * 0.97);
    await page.getByLabel("New order price").fill(lower);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(row).toContainText(shown(lower));

    await row.getByRole("button", { name: /^Cancel Buy limit SOL/ }).click();
    await expect(row).toHaveCount(0);
    await expect(metric(page, "Free margin")).toHaveText("$10,000.00");
    await expect(metric(page, "Order margin")).toHaveText("$0.00");
    await expect(historyRow(page, "Cancelled")).toContainText(shown(lower));
  });

  test("dragging an order's dashed line on the chart moves the order", async ({ page }) => {
    await signUp(page, "drag");
    await waitForQuote(page);
    const { ask } = await frozenQuote();
    // Just under the market, so the line is inside the chart's price range.
    const limit = at(ask * 0.999);
    await placePending(page, { tab: "Limit", price: limit, margin: "200", leverage: 10 });
    const handle = page.getByRole("slider", { name: "Buy limit order line" });
    await expect(handle).toBeVisible();
    await expect(handle).toHaveAttribute("aria-valuetext", `Buy limit ${shown(limit)}`);
    await dismissToasts(page);

    const box = await handle.boundingBox();
    if (box === null) throw new Error("order line handle has no box");
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 40, { steps: 8 });
    await page.screenshot({ path: `${DIR}/order-line-dragging.png` });
    await page.mouse.up();

    // The server took the new, lower price: the Orders tab (from GET /state) shows it.
    await expect.poll(async () => Number(await handle.getAttribute("aria-valuenow"))).toBeLessThan(Number(limit));
    const moved = Number(await handle.getAttribute("aria-valuenow"));
    await showOrders(page);
    await expect(openOrderRow(page, "Buy limit")).toContainText(shown(at(moved)));
    await page.screenshot({ path: `${DIR}/order-line-moved.png` });
  });

  test("an order with an expiry a few seconds away expires and its margin comes back", async ({ page }) => {
    await signUp(page, "expiry");
    await waitForQuote(page);
    const { ask } = await frozenQuote();
    const form = await openTicketTab(page, "Limit");
    await form.getByLabel("Expiry").selectOption({ label: "Date and time…" });
    const soon = await page.evaluate(() => {
      const d = new Date(Date.now() + 6_000);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    });
    await form.getByLabel("Expires at").fill(soon);
    await placePending(page, { tab: "Limit", price: at(ask * 0.98), margin: "300", leverage: 3 });
    await expect(metric(page, "Order margin")).toHaveText("$300.00");
    await showOrders(page);
    await expect(historyRow(page, "Expired")).toHaveCount(1, { timeout: 30_000 });
    await expect(metric(page, "Order margin")).toHaveText("$0.00");
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
    await dismissToasts(page);
    await page.screenshot({ path: `${DIR}/orders-tab-history.png` });
  });
});
