import { defineRepoConfig } from "@repo/vitest-config";

export default defineRepoConfig("ma-crossover-bot");
