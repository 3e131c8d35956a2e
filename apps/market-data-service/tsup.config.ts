import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts", "src/simulator/cli.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  // Internal packages are TypeScript source: bundle them; npm dependencies stay external.
  noExternal: [/^@repo\//],
});
