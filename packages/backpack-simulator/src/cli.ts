import { parseArgs } from "node:util";
import { loadSimulatorEnv } from "./env";
import { createSimulator } from "./simulator";

// `npm run simulator -w @repo/backpack-simulator [-- --port 4100 --seed 7]`: a standalone Backpack
// stand-in (WS + REST + /_control) for manual runs and other services' end-to-end tests.
const env = loadSimulatorEnv();
const { values } = parseArgs({ options: { port: { type: "string" }, seed: { type: "string" }, host: { type: "string" } } });
const port = values.port !== undefined ? Number(values.port) : env.PORT;
const seed = values.seed !== undefined ? Number(values.seed) : env.SIMULATOR_SEED;
if (!Number.isInteger(port) || port < 0 || port > 65_535 || !Number.isInteger(seed)) {
  console.error("usage: simulator [--port N] [--seed N] [--host H]");
  process.exit(2);
}
const simulator = createSimulator({ seed });
const urls = await simulator.listen(port, values.host ?? env.HOST);
console.log(
  JSON.stringify({
    event: "simulator-listening",
    port: urls.port,
    wsUrl: urls.wsUrl,
    restUrl: urls.restUrl,
    control: `${urls.restUrl}/_control/state`,
  }),
);
console.log(`Backpack simulator (seed ${seed}): WS ${urls.wsUrl}  REST ${urls.restUrl}/api/v1/...  control ${urls.restUrl}/_control/*`);

async function shutdown(): Promise<void> {
  await simulator.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
