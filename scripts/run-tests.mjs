#!/usr/bin/env node
// `npm test`: lint, type checks, every package's tests, the root tests and the Playwright suite,
// then ONE closing line "N passed, N failed, N skipped" summed over every runner's JSON report
// (CI reads that line; turbo prefixes the runners' own summaries, so they cannot be read).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeReports } from "./test-summary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const reportDir = join(root, "reports");
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const env = {
  ...process.env,
  TEST_REPORT_DIR: reportDir,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
};

/** Runs one step with inherited output; returns true when it exited 0. */
function step(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${title} (exit ${result.status ?? result.signal})`);
  return ok;
}

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);
const failedSteps = [];
const run = (name, title, command, args) => {
  if (wants(name) && !step(title, command, args)) failedSteps.push(title);
};

run("static", "lint and type checks", "npx", ["turbo", "run", "lint", "check-types", "--continue"]);
run("static", "type checks of the e2e specs", "npx", ["tsc", "-p", "e2e"]);
run("static", "type checks of the root scripts", "npx", ["tsc", "-p", "scripts"]);
// Integration tests start real brokers and processes: one package at a time on small machines.
run("unit", "package tests", "npx", ["turbo", "run", "test", "--concurrency=1", "--continue"]);
run("root", "root tests", "npx", ["vitest", "run", "--config", "vitest.config.ts"]);
run("e2e", "end-to-end (Playwright)", "npx", ["playwright", "test"]);

const summary = summarizeReports(reportDir);
for (const runner of summary.runners) {
  console.log(`  ${runner.name}: ${runner.passed} passed, ${runner.failed} failed, ${runner.skipped} skipped`);
}
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join("; ")}`);
const ranNone = summary.passed + summary.failed === 0;
if (ranNone) console.log("no test ran");
console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(failedSteps.length > 0 || summary.failed > 0 || ranNone ? 1 : 0);
