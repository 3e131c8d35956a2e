import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countReport, summarizeReports } from "./test-summary.mjs";

describe("test summary", () => {
  it("sums vitest and Playwright reports into one count", () => {
    const dir = mkdtempSync(join(tmpdir(), "reports-"));
    writeFileSync(
      join(dir, "vitest-a.json"),
      JSON.stringify({ numPassedTests: 5, numFailedTests: 1, numPendingTests: 2, numTodoTests: 0, testResults: [] }),
    );
    writeFileSync(
      join(dir, "playwright.json"),
      JSON.stringify({ stats: { expected: 3, unexpected: 0, flaky: 1, skipped: 1 }, errors: [] }),
    );
    const summary = summarizeReports(dir);
    expect([summary.passed, summary.failed, summary.skipped]).toEqual([9, 1, 3]);
  });

  it("counts a test file that failed to load as a failure", () => {
    const counts = countReport({
      numPassedTests: 2,
      numFailedTests: 0,
      numPendingTests: 0,
      testResults: [{ status: "failed", assertionResults: [] }, { status: "passed", assertionResults: [] }],
    });
    expect(counts.failed).toBe(1);
  });

  it("counts an unreadable report as a failure rather than ignoring it", () => {
    const dir = mkdtempSync(join(tmpdir(), "reports-"));
    writeFileSync(join(dir, "vitest-broken.json"), "{ not json");
    expect(summarizeReports(dir).failed).toBe(1);
  });
});
