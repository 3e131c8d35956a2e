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
  // Dependencies of the bundled @repo packages stay external too (CJS kafkajs cannot be bundled
  // into ESM; koffi is native); npm workspaces hoist them to the root node_modules.
  external: ["kafkajs", "koffi", "tsx", "pino", "pino-pretty"],
});
