import { defineRepoConfig } from "@repo/vitest-config";

// Integration files share one machine-wide broker budget: run files one at a time.
export default defineRepoConfig("kafka-utils", { test: { fileParallelism: false } });
