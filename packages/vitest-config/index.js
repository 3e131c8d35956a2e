import { defineConfig, mergeConfig } from "vitest/config";

/**
 * Shared vitest settings. When the root test runner sets TEST_REPORT_DIR, every package also
 * writes a JSON report there so `npm test` can print one "N passed, N failed" line for all runners.
 * @param {string} name package name, used for the report file
 * @param {import("vitest/config").UserConfig} [overrides]
 */
export function defineRepoConfig(name, overrides = {}) {
  const reportDir = process.env.TEST_REPORT_DIR;
  const reporters = reportDir
    ? ["default", ["json", { outputFile: `${reportDir}/vitest-${name}.json` }]]
    : ["default"];
  return mergeConfig(
    defineConfig({
      test: {
        name,
        reporters,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        testTimeout: 20_000,
        hookTimeout: 60_000,
      },
    }),
    defineConfig(overrides),
  );
}
