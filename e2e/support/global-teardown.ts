import { rmSync } from "node:fs";

/** Removes the throwaway data dir the stack used (created in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
