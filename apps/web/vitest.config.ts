import { defineRepoConfig } from "@repo/vitest-config";
import { fileURLToPath } from "node:url";

export default defineRepoConfig("web", {
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
});
