/**
 * Where the suite's stack listens (playwright.config.ts starts it on these ports). The overrides
 * let a developer point the specs at a stack they started by hand.
 */
export const ENGINE_URL = process.env.E2E_ENGINE_URL ?? "http://localhost:4100";
export const SIMULATOR_URL = process.env.E2E_SIMULATOR_URL ?? "http://localhost:4102";
