import { defineRepoConfig } from "@repo/vitest-config";

// Integration tests start brokers and servers: run files one at a time on this 2-core machine.
export default defineRepoConfig("market-data-service", {
  test: { fileParallelism: false, testTimeout: 60_000 },
});
