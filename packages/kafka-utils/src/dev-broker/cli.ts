/**
 * `npm run kafka:dev`: runs the dev broker until Ctrl-C / SIGTERM and advertises it in the state
 * file, so services started without KAFKA_BROKERS use it. `--brokers N` (or KAFKA_DEV_BROKERS).
 */
import { parseArgs } from "node:util";
import { devBrokerEnv } from "../env";
import { DEV_BROKER_STATE_FILE, ensureDevBroker } from "./ensure-dev-broker";

const { values } = parseArgs({ options: { brokers: { type: "string" } } });
const brokers = values.brokers === undefined ? devBrokerEnv.KAFKA_DEV_BROKERS : Number(values.brokers);
if (!Number.isInteger(brokers) || brokers < 1 || brokers > 16) {
  console.error(`--brokers must be an integer 1..16, got "${values.brokers}"`);
  process.exit(2);
}

try {
  const broker = await ensureDevBroker({ brokers });
  const list = broker.bootstrapServers.join(",");
  if (!broker.owned) {
    console.log(`A dev Kafka broker is already running: KAFKA_BROKERS=${list} (see ${DEV_BROKER_STATE_FILE}).`);
    process.exit(0);
  }
  console.log(JSON.stringify({ bootstrapServers: broker.bootstrapServers }));
  console.log(`Dev Kafka broker (librdkafka mock, ${brokers} brokers) ready: KAFKA_BROKERS=${list}`);
  console.log(`Advertised in ${DEV_BROKER_STATE_FILE}; services started without KAFKA_BROKERS will use it. Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void broker.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
