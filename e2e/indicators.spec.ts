import { expect, test } from "@playwright/test";
import { signUp } from "./support/terminal";

test.describe("@chart chart indicators", () => {
  test("indicators toggled on survive a reload, and hovering a candle shows its OHLC and volume", async ({ page }) => {
    await signUp(page, "indicators");
    const chartPanel = page.getByRole("region", { name: "Chart" });
    const chart = chartPanel.getByTestId("candle-chart");
    await expect(chart).toHaveAttribute("data-bar-count", /^[1-9]\d*$/, { timeout: 30_000 });

    const indicators = chartPanel.getByRole("group", { name: "Indicators" });
    for (const name of ["SMA 20", "RSI"]) {
      const button = indicators.getByRole("button", { name });
      await expect(button).toHaveAttribute("aria-pressed", "false");
      await button.click();
      await expect(button).toHaveAttribute("aria-pressed", "true");
    }

    await page.reload();
    await expect(chart).toHaveAttribute("data-bar-count", /^[1-9]\d*$/, { timeout: 30_000 });
    await expect(indicators.getByRole("button", { name: "SMA 20" })).toHaveAttribute("aria-pressed", "true");
    await expect(indicators.getByRole("button", { name: "RSI" })).toHaveAttribute("aria-pressed", "true");
    await expect(indicators.getByRole("button", { name: "EMA 50" })).toHaveAttribute("aria-pressed", "false");

    const box = await chart.boundingBox();
    if (!box) throw new Error("chart has no box");
    // Upper part of the price pane, well inside the candles (the RSI pane is at the bottom).
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    const legend = chartPanel.getByTestId("ohlc-legend");
    await expect(legend).toHaveAttribute("data-source", "crosshair");
    await expect(legend).toHaveText(/O\s*[\d.]+\s*H\s*[\d.]+\s*L\s*[\d.]+\s*C\s*[\d.]+\s*V\s*[\d.]+[KMB]?/);
    const hovered = await legend.textContent();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.3);
    await expect(legend).not.toHaveText(hovered ?? "");

    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.screenshot({ path: "test-results/indicators/indicators.png" });

    // The other three on, RSI off: its pane goes and the choice is stored for the next visit.
    for (const name of ["RSI", "EMA 50", "Bollinger", "Volume"]) await indicators.getByRole("button", { name }).click();
    await expect(indicators.getByRole("button", { name: "RSI" })).toHaveAttribute("aria-pressed", "false");
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem("chart-indicators"))) ?? "[]")).toEqual([
      "sma20",
      "ema50",
      "bollinger",
      "volume",
    ]);
    await page.screenshot({ path: "test-results/indicators/indicators-all.png" });
  });
});
