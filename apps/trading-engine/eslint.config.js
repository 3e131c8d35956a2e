import { baseConfig } from "@repo/eslint-config/base";

export default [
  ...baseConfig,
  {
    // Test helpers spawn the service as a real process with its environment.
    files: ["src/test-support/**"],
    rules: { "no-restricted-syntax": "off" },
  },
];
