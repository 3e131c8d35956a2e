import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, type ReporterDescription } from "@playwright/test";

/**
 * The suite starts the whole stack itself (dev broker, simulator, market-data, engine, web) on
 * ports apart from the dev defaults, so it can run while `npm start` is up. `E2E_PORT_OFFSET`
 * shifts every port (and the data dir), so two checkouts can run their suites side by side.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const E2E_PORTS = {
  engine: 4100 + offset,
  web: 3100 + offset,
  health: 4101 + offset,
  simulator: 4102 + offset,
} as const;
// The specs read these (e2e/support/env.ts); workers inherit the runner's environment.
process.env.E2E_ENGINE_URL ??= `http://localhost:${E2E_PORTS.engine}`;
process.env.E2E_SIMULATOR_URL ??= `http://localhost:${E2E_PORTS.simulator}`;

// The config is evaluated in the runner and in every worker: only the runner (no E2E_DATA_DIR yet)
// starts a fresh data dir; workers inherit its path. One fixed path, so a run that dies early
// leaves at most one directory behind, and the next run wipes it.
if (!process.env.E2E_DATA_DIR) {
  const fresh = join(tmpdir(), `trading-e2e-data-${offset}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  process.env.E2E_DATA_DIR = fresh;
}
const dataDir = process.env.E2E_DATA_DIR;
process.env.NEXT_TELEMETRY_DISABLED = "1";

const reportDir = process.env.TEST_REPORT_DIR;
const reporter: ReporterDescription[] = [["list"]];
if (reportDir) reporter.push(["json", { outputFile: join(reportDir, "playwright.json") }]);

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  // One simulator drives every test's prices (crashes, silence): run serially.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter,
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL: `http://localhost:${E2E_PORTS.web}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "npm start",
    url: `http://localhost:${E2E_PORTS.web}`,
    // A cold start builds the services and the web app first.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(E2E_PORTS.engine),
      WEB_PORT: String(E2E_PORTS.web),
      HEALTH_PORT: String(E2E_PORTS.health),
      SIMULATOR_PORT: String(E2E_PORTS.simulator),
      MARKET_FEED: "simulator",
      DATA_DIR: dataDir,
      PRICE_STALE_MS: "4000",
      STALE_LINK_MS: "60000",
      NEXT_PUBLIC_API_URL: `http://localhost:${E2E_PORTS.engine}`,
      WEB_ORIGIN: `http://localhost:${E2E_PORTS.web}`,
      NEXT_TELEMETRY_DISABLED: "1",
      TURBO_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  },
});
