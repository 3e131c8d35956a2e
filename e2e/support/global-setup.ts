import { engineClient } from "./engine";
import { waitForSimulator } from "./simulator";

/** The web server answering is not enough: wait until the engine has fresh prices from the simulator. */
export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = "";
  const engine = engineClient();
  while (Date.now() < deadline) {
    try {
      await engine.ready();
      await waitForSimulator();
      return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`engine not ready within 180 s: ${last}`);
}
