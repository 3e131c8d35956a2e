import { baseConfig } from "./base.js";

const ioModules = [
  "kafkajs",
  "fastify",
  "socket.io",
  "socket.io-client",
  "better-sqlite3",
  "ws",
  "pino",
  "prom-client",
  "koffi",
  "node:*",
  "fs",
  "net",
  "http",
  "https",
  "child_process",
  "crypto",
];

/**
 * The engine core is pure: (state, command) → {state, events, result}. No I/O libraries, no
 * clock and no randomness, so a command log always replays to the same state hash.
 */
export const pureConfig = [
  ...baseConfig,
  {
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ioModules, message: "engine-core is pure: no I/O libraries." }],
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Time arrives in the command." },
        { object: "Math", property: "random", message: "Ids and randomness arrive in the command." },
        { object: "performance", property: "now", message: "Time arrives in the command." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "engine-core reads no environment." },
        { name: "setTimeout", message: "engine-core has no clock." },
        { name: "setInterval", message: "engine-core has no clock." },
        { name: "fetch", message: "engine-core does no I/O." },
      ],
    },
  },
];

export default pureConfig;
