import { PartitionAssigners, type PartitionAssigner } from "kafkajs";

/**
 * kafkajs' round-robin assigner, waiting `delayMs` before the leader computes assignments (see
 * `KafkaConsumerOptions.assignmentDelayMs` for the dev-broker race this avoids).
 */
export function delayedAssigner(delayMs: number): PartitionAssigner {
  return (config) => {
    const inner = PartitionAssigners.roundRobin(config);
    return {
      name: inner.name,
      version: inner.version,
      protocol: (subscription) => inner.protocol(subscription),
      assign: async (group) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return inner.assign(group);
      },
    };
  };
}
