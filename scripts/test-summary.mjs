// Sums vitest and Playwright JSON reports into one pass/fail/skip count.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Counts of one JSON report, whichever runner wrote it. */
export function countReport(report) {
  if (report && typeof report.numPassedTests === "number") {
    // vitest (jest-compatible JSON)
    return {
      passed: report.numPassedTests,
      // A file that fails to load has no failed assertions but must still count as a failure.
      failed:
        report.numFailedTests +
        (report.testResults ?? []).filter(
          (file) =>
            file.status === "failed" &&
            !(file.assertionResults ?? []).some((test) => test.status === "failed"),
        ).length,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  }
  if (report && report.stats && typeof report.stats.expected === "number") {
    // Playwright: flaky tests passed on retry, so they count as passed.
    return {
      passed: report.stats.expected + (report.stats.flaky ?? 0),
      failed: report.stats.unexpected + (report.errors?.length ?? 0),
      skipped: report.stats.skipped ?? 0,
    };
  }
  throw new Error("unrecognised test report format");
}

/** Sums every *.json report in a directory. A report that cannot be read counts as one failure. */
export function summarizeReports(dir) {
  const runners = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  for (const file of files) {
    const name = file.replace(/\.json$/, "");
    try {
      runners.push({ name, ...countReport(JSON.parse(readFileSync(join(dir, file), "utf8"))) });
    } catch {
      runners.push({ name, passed: 0, failed: 1, skipped: 0 });
    }
  }
  const total = (key) => runners.reduce((sum, r) => sum + r[key], 0);
  return { runners, passed: total("passed"), failed: total("failed"), skipped: total("skipped") };
}
