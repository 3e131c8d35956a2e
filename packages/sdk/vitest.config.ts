import { defineRepoConfig } from "@repo/vitest-config";

export default defineRepoConfig("sdk");
