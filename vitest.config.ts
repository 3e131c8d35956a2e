import { defineRepoConfig } from "@repo/vitest-config";

// Root tests: the test-summary script, the start runner and the deployment files.
export default defineRepoConfig("root", {
  test: { include: ["scripts/**/*.test.mjs", "deploy/**/*.test.mjs"] },
});
