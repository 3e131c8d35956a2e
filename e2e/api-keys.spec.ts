import { expect, test } from "@playwright/test";
import { engineClient } from "./support/engine";
import { ENGINE_URL } from "./support/env";
import { signUp } from "./support/terminal";

const DIR = "e2e/screenshots";

test.describe("@api API keys and the reference", () => {
  test("a key created in the web page is shown once, copied, reads state through the SDK, and gets 401 once revoked", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page, "keys");
    await page.getByRole("link", { name: "API keys" }).click();
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expect(page.getByText("No API keys yet.")).toBeVisible();

    await page.getByLabel("Key name").fill("e2e-reader");
    await page.getByLabel("Read only").check();
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = page.getByRole("textbox", { name: "New API key" });
    await expect(secret).toHaveValue(/^tek_[A-Za-z0-9_-]{43}$/);
    const key = await secret.inputValue();
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const row = page.getByRole("row", { name: /e2e-reader/ });
    await expect(row).toContainText("Read only");
    await expect(row).toContainText(`${key.slice(0, 10)}…`);
    await expect(page.getByRole("region", { name: "Connect a bot" })).toContainText(`baseUrl: "${ENGINE_URL}"`);
    await page.screenshot({ path: `${DIR}/api-keys-created.png`, fullPage: true });

    // Shown once: after "Done" or a reload the secret is nowhere on the page, only its prefix.
    await page.getByRole("button", { name: "Done" }).click();
    await page.reload();
    await expect(row).toBeVisible();
    await expect(page.getByRole("textbox", { name: "New API key" })).toHaveCount(0);
    await expect(page.getByText(key)).toHaveCount(0);

    // A program uses it through the SDK: it reads, but a read key cannot trade.
    const bot = engineClient(key);
    const state = await bot.state();
    expect(state.balances.USD).toBe(10000);
    await expect(bot.openPosition({ asset: "SOL", type: "long", margin: 10, leverage: 2 })).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
    await expect(bot.apiKeys.list()).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });

    await page.getByRole("button", { name: "Revoke e2e-reader" }).click();
    await page.getByRole("button", { name: "Confirm revoke" }).click();
    await expect(page.getByText("No API keys yet.")).toBeVisible();
    await expect(bot.state()).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  test("/docs renders the interactive reference from the engine alone (no CDN)", async ({ page }) => {
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(ENGINE_URL) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto(`${ENGINE_URL}/docs`);
    await expect(page.getByRole("heading", { name: /Trading engine API/ })).toBeVisible();
    await expect(page.getByText("/api/v1/positions/open", { exact: true })).toBeVisible();
    await expect(page.getByText("/api/v1/api-keys/{id}", { exact: true })).toBeVisible();
    await page.getByText("/api/v1/positions/open", { exact: true }).click();
    await expect(page.getByText("IDEMPOTENCY_CONFLICT").first()).toBeVisible();
    await page.screenshot({ path: `${DIR}/api-docs.png` });
    expect(foreign).toEqual([]);
  });
});
