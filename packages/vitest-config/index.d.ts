import type { UserConfig } from "vitest/config";

/** Shared vitest settings; adds a JSON report in $TEST_REPORT_DIR when the root runner sets it. */
export declare function defineRepoConfig(name: string, overrides?: UserConfig): UserConfig;
