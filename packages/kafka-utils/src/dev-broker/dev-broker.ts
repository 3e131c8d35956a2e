/** `@repo/kafka-utils/dev-broker`: the librdkafka mock cluster for development and tests. */
export { startDevBroker, type DevBroker, type DevBrokerOptions } from "./start-dev-broker";
export {
  DEV_BROKER_STATE_FILE,
  ensureDevBroker,
  readLiveDevBroker,
  type DevBrokerState,
  type EnsureDevBrokerOptions,
  type EnsuredDevBroker,
} from "./ensure-dev-broker";
