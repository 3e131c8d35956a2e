/** Where the suite's stack listens (playwright.config.ts starts it on these ports). */
export const ENGINE_URL = "http://localhost:4100";
export const SIMULATOR_URL = "http://localhost:4102";
