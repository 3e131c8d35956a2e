import { expect, test, type Page } from "@playwright/test";
import { crashPrice, driftPrice, holdQuote, resetSimulator, restorePrice, setQuote, waitForPathEnd } from "./support/simulator";
import { placeOrder, positionRow, showHistory, showPositions, signUp } from "./support/terminal";

const SHOTS = "test-results/position-management";

/** The chart's draggable lines and their y (px from the chart's top), as draggable-price-line.ts publishes them. */
async function dragLines(page: Page): Promise<{ id: string; title: string; y: number }[]> {
  const chart = page.getByTestId("candle-chart");
  const box = await chart.boundingBox();
  if (box === null) throw new Error("chart not laid out");
  // The helper refreshes the coordinates on every pointer move over the chart.
  await page.mouse.move(box.x + box.width * 0.3, box.y + 5);
  const raw = await chart.getAttribute("data-drag-lines");
  return JSON.parse(raw ?? "[]") as { id: string; title: string; y: number }[];
}

/** Drags the chart line titled `title` to `toY` (px from the chart's top) with the real mouse. */
async function dragLine(page: Page, title: string, toY: (fromY: number, height: number) => number): Promise<number> {
  const chart = page.getByTestId("candle-chart");
  const box = await chart.boundingBox();
  if (box === null) throw new Error("chart not laid out");
  const line = (await dragLines(page)).find((l) => l.title === title);
  if (line === undefined) throw new Error(`no draggable line ${title}`);
  const x = box.x + box.width * 0.4;
  await page.mouse.move(x, box.y + line.y);
  await page.mouse.down();
  const target = toY(line.y, box.height);
  await page.mouse.move(x, box.y + target, { steps: 12 });
  await page.mouse.up();
  return line.y;
}

const num = (text: string | null): number => Number((text ?? "").replaceAll(",", ""));

test.describe("@trading position management", () => {
  // Each test signs up, trades and waits for the simulator's moves: more than the default 90 s on a busy machine.
  test.describe.configure({ timeout: 180_000 });
  let restoreTo: string | null = null;
  test.afterEach(async () => {
    // Let a crash finish (resetting cancels a path), then put the price back.
    if (restoreTo !== null) await waitForPathEnd("SOL_USDC", 20_000);
    await resetSimulator();
    if (restoreTo !== null) await restorePrice("SOL_USDC", restoreTo);
    restoreTo = null;
  });

  test("SL/TP edited from the table; a crossed stop is refused with the API's reason", async ({ page }) => {
    await signUp(page, "stops-edit");
    await placeOrder(page, { side: "long", margin: "1000", leverage: 5 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    const { bid } = await holdQuote("SOL_USDC");
    const sl = (Number(bid) * 0.97).toFixed(2);
    const tp = (Number(bid) * 1.05).toFixed(2);

    await row.getByRole("button", { name: "Edit stops of SOL long position" }).click();
    const form = row.getByRole("form", { name: "Stops of SOL long position" });
    await form.getByLabel("Stop loss").fill(sl);
    await form.getByLabel("Take profit").fill(tp);
    await form.getByRole("button", { name: "Save stops" }).click();
    await expect(row.getByTestId("position-stops")).toHaveText(`${Number(sl).toLocaleString("en-US", { minimumFractionDigits: 2 })} / ${Number(tp).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);

    await row.getByRole("button", { name: "Edit stops of SOL long position" }).click();
    await form.getByLabel("Stop loss").fill((Number(bid) * 1.01).toFixed(2));
    await form.getByRole("button", { name: "Save stops" }).click();
    await expect(form.getByRole("alert")).toContainText("stop loss must be below the bid");
    await page.screenshot({ path: `${SHOTS}/stops-refused.png` });
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(row.getByTestId("position-stops")).toContainText(Number(sl).toLocaleString("en-US", { minimumFractionDigits: 2 }));
  });

  test("dragging the SL line on the chart moves the stop; a drag past the price snaps back with the error", async ({ page }) => {
    await signUp(page, "stops-drag");
    await placeOrder(page, { side: "long", margin: "1000", leverage: 5 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    const { bid } = await holdQuote("SOL_USDC");
    await row.getByRole("button", { name: "Edit stops of SOL long position" }).click();
    await row.getByLabel("Stop loss").fill((Number(bid) * 0.999).toFixed(2));
    await row.getByRole("button", { name: "Save stops" }).click();
    const stops = row.getByTestId("position-stops");
    await expect(stops).not.toContainText("— /");
    const before = num((await stops.textContent())?.split(" / ")[0] ?? "");
    await expect.poll(async () => (await dragLines(page)).map((l) => l.title)).toContain("L SL");

    // Down a little: a lower stop, still above the liquidation price.
    await dragLine(page, "L SL", (y) => y + 25);
    await expect.poll(async () => num((await stops.textContent())?.split(" / ")[0] ?? "")).toBeLessThan(before);
    const moved = num((await stops.textContent())?.split(" / ")[0] ?? "");
    await page.screenshot({ path: `${SHOTS}/sl-dragged.png` });

    // Up to the top of the chart: above the bid, refused; the line snaps back and the stop stays.
    const from = await dragLine(page, "L SL", () => 8);
    await expect(page.getByRole("alert").filter({ hasText: "Stop loss refused" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "stop loss must be below the bid" })).toBeVisible();
    await expect.poll(async () => Math.abs(((await dragLines(page)).find((l) => l.title === "L SL")?.y ?? 0) - from)).toBeLessThan(3);
    await expect(stops).toContainText(moved.toLocaleString("en-US", { minimumFractionDigits: 2 }));
  });

  test("a trailing stop follows the price up, then closes the position on the way down", async ({ page }) => {
    await signUp(page, "trailing");
    await placeOrder(page, { side: "long", margin: "500", leverage: 5 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    const { bid } = await holdQuote("SOL_USDC");
    const distance = (Number(bid) * 0.01).toFixed(2);
    await row.getByRole("button", { name: "Edit stops of SOL long position" }).click();
    await row.getByLabel("Trailing").fill(distance);
    await row.getByRole("button", { name: "Save stops" }).click();
    const trailing = row.getByTestId("position-trailing");
    await expect(trailing).toBeVisible();
    const start = num((await trailing.textContent())?.replace("Trail ", "") ?? "");
    expect(start).toBeCloseTo(Number(bid) - Number(distance), 1);

    await driftPrice("SOL_USDC", 1.03);
    await holdQuote("SOL_USDC");
    await expect.poll(async () => num((await trailing.textContent())?.replace("Trail ", "") ?? "")).toBeGreaterThan(start + Number(distance));
    await page.screenshot({ path: `${SHOTS}/trailing-raised.png` });

    restoreTo = await crashPrice("SOL_USDC", 5, 1_500);
    await expect(row).toHaveCount(0, { timeout: 20_000 });
    const history = await showHistory(page);
    await expect(history.getByRole("row").filter({ hasText: "Trailing stop" })).toHaveCount(1);
    await page.screenshot({ path: `${SHOTS}/trailing-closed.png` });
  });

  test("a partial close of 50 % books that part and leaves the rest open", async ({ page }) => {
    await signUp(page, "partial");
    await placeOrder(page, { side: "long", margin: "1000", leverage: 2 });
    const row = positionRow(page, "SOL", "long");
    await expect(row).toBeVisible();
    await holdQuote("SOL_USDC");
    const size = num(await row.getByRole("cell").nth(1).textContent());

    await row.getByRole("button", { name: "Partial exit of SOL long position" }).click();
    const dialog = page.getByRole("dialog", { name: /Partial close: SOL long/ });
    await dialog.getByRole("button", { name: "50%" }).click();
    const part = await dialog.getByLabel("Quantity to close").inputValue();
    await expect(dialog.getByTestId("partial-close-preview")).toContainText("$");
    await page.screenshot({ path: `${SHOTS}/partial-dialog.png` });
    await dialog.getByRole("button", { name: "Close quantity" }).click();
    await expect(dialog).toHaveCount(0);

    const rest = (size - Number(part)).toLocaleString("en-US", { maximumFractionDigits: 8 });
    await expect(row.getByRole("cell").nth(1)).toHaveText(rest);
    const history = await showHistory(page);
    const closed = history.getByRole("row").filter({ hasText: "Manual" });
    await expect(closed).toHaveCount(1);
    await expect(closed).toContainText(Number(part).toLocaleString("en-US", { maximumFractionDigits: 8 }));
    await showPositions(page);
    await expect(positionRow(page, "SOL", "long")).toBeVisible();
  });

  test("close all profitable closes the winner and leaves the losing one", async ({ page }) => {
    await signUp(page, "close-all");
    await placeOrder(page, { side: "long", margin: "300", leverage: 5 });
    await expect(positionRow(page, "SOL", "long")).toBeVisible();
    await placeOrder(page, { side: "short", margin: "300", leverage: 5 });
    await expect(positionRow(page, "SOL", "short")).toBeVisible();
    const { ask } = await holdQuote("SOL_USDC");
    // Up 1 %: the long (entered at or below this ask) gains, the short loses.
    const up = Number(ask) * 1.01;
    await setQuote("SOL_USDC", up.toFixed(2), (up + 0.02).toFixed(2));
    await expect(positionRow(page, "SOL", "long").getByTestId("position-pnl")).toHaveText(/^\+\$/);

    await page.getByRole("button", { name: "Close all ▾" }).click();
    await page.getByRole("menuitem", { name: "Profitable" }).click();
    const dialog = page.getByRole("dialog", { name: "Close profitable?" });
    await expect(dialog).toContainText("1 open position match");
    await page.screenshot({ path: `${SHOTS}/close-all-confirm.png` });
    await dialog.getByRole("button", { name: "Confirm close" }).click();
    await expect(positionRow(page, "SOL", "long")).toHaveCount(0);
    await expect(positionRow(page, "SOL", "short")).toBeVisible();
    await expect(page.getByRole("tab", { name: "Positions (1)" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/close-all-done.png` });
  });
});
