import { expect, test } from "@playwright/test";
import { resetSimulator, silenceFeed } from "./support/simulator";
import { feedBadge, signUp, ticket, waitForQuote } from "./support/terminal";

test.describe("@feed stale prices", () => {
  test.afterEach(async () => {
    await resetSimulator();
  });

  test("a silent feed turns the badge stale and the ticket refuses; prices resuming re-enable it", async ({ page }) => {
    await signUp(page, "stale");
    await expect(feedBadge(page)).toHaveText("Simulated");
    await waitForQuote(page);

    await silenceFeed();
    await expect(feedBadge(page)).toHaveText("Stale", { timeout: 30_000 });
    const submit = ticket(page).getByRole("button", { name: /^Open (long|short)/ });
    await expect(submit).toBeDisabled();
    await expect(ticket(page).getByRole("alert").filter({ hasText: "stale" })).toBeVisible();

    await resetSimulator();
    await expect(feedBadge(page)).toHaveText("Simulated", { timeout: 30_000 });
    await expect(submit).toBeEnabled();
  });
});
