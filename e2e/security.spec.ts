import { expect, test, type ConsoleMessage } from "@playwright/test";
import { ENGINE_URL } from "./support/env";
import { metric, PASSWORD, signUp, waitForQuote } from "./support/terminal";

test.describe("@security web headers and sessions", () => {
  test("the terminal loads with security headers, a favicon and no console errors, live over the allowed API", async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (message: ConsoleMessage) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    const document = await page.goto("/");
    const headers = document?.headers() ?? {};
    const api = new URL(ENGINE_URL);
    expect(headers["content-security-policy"]).toContain(`connect-src 'self' ${api.origin} ws://${api.host}`);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon/);

    await signUp(page, "csp");
    // A quote reaching the ticket means REST and the WebSocket both passed the CSP.
    await waitForQuote(page);
    await page.screenshot({ path: "e2e/screenshots/security-terminal.png" });
    expect(problems).toEqual([]);
  });

  test("sign out everywhere ends the other browser's session too", async ({ page, browser }) => {
    const email = await signUp(page, "everywhere");
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto("/");
    await second.getByRole("tab", { name: "Sign in" }).click();
    await second.getByLabel("Email").fill(email);
    await second.getByLabel("Password").fill(PASSWORD);
    await second.getByRole("button", { name: "Sign in" }).click();
    await expect(metric(second, "Balance")).toHaveText("$10,000.00");

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("tab", { name: "Sign in" })).toBeVisible();
    // The other browser's socket is dropped and its token refused: it lands on the sign-in form.
    await second.reload();
    await expect(second.getByRole("tab", { name: "Sign in" })).toBeVisible();
    await second.screenshot({ path: "e2e/screenshots/security-signed-out-everywhere.png" });
    await other.close();
  });
});
