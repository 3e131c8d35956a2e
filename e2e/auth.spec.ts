import { expect, test } from "@playwright/test";
import { metric, PASSWORD, signUp } from "./support/terminal";

test.describe("@auth session", () => {
  test("sign up shows the $10,000 demo balance and a reload keeps the session", async ({ page }) => {
    const email = await signUp(page, "reload");
    await expect(metric(page, "Equity")).toHaveText("$10,000.00");
    await expect(metric(page, "Free margin")).toHaveText("$10,000.00");
    await expect(metric(page, "Margin level")).toHaveText("—");

    await page.reload();
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
  });

  test("sign out ends the session and sign in restores it; a wrong password is refused", async ({ page }) => {
    const email = await signUp(page, "signin");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page.getByRole("tab", { name: "Sign in" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("tab", { name: "Sign in" })).toBeVisible();

    await page.getByRole("tab", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(metric(page, "Balance")).toHaveText("$10,000.00");
  });

  test("signing up twice with one email says the email is taken", async ({ page }) => {
    const email = await signUp(page, "taken");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("tab", { name: "Sign up" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("form", { name: "Sign up" }).getByRole("alert")).toContainText("already exists");
  });
});
