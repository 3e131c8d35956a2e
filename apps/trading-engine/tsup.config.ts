import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  // Internal packages are TypeScript source: bundle them; npm dependencies stay external.
  noExternal: [/^@repo\//],
  // Dependencies of the bundled internal packages stay external too (CJS and native code).
  external: ["kafkajs", "koffi", "pino", "pino-pretty"],
});
