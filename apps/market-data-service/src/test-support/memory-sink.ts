import type { TopicDefinition } from "@repo/kafka-utils/topics";
import type { MessageSink } from "../ports/message-sink";

interface PendingSend {
  topic: string;
  values: unknown[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * In-memory MessageSink for unit tests. In `auto` mode sends succeed at once; in `manual` mode
 * each send waits until the test acks or fails it, so tests control ordering and outages.
 */
export class MemorySink implements MessageSink {
  readonly delivered: { topic: string; value: unknown }[] = [];
  readonly sends: { topic: string; values: unknown[] }[] = [];
  private readonly queue: PendingSend[] = [];
  connected = true;

  constructor(private mode: "auto" | "manual" = "auto") {}

  setMode(mode: "auto" | "manual"): void {
    this.mode = mode;
  }

  isConnected(): boolean {
    return this.connected;
  }

  send<T>(topic: TopicDefinition<T>, values: T[]): Promise<void> {
    this.sends.push({ topic: topic.name, values: [...values] });
    if (this.mode === "auto") {
      for (const value of values) this.delivered.push({ topic: topic.name, value });
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ topic: topic.name, values: [...values], resolve, reject });
    });
  }

  inFlight(): number {
    return this.queue.length;
  }

  /** Acknowledges the oldest outstanding send. */
  ackNext(): void {
    const next = this.queue.shift();
    if (!next) throw new Error("no send in flight");
    for (const value of next.values) this.delivered.push({ topic: next.topic, value });
    next.resolve();
  }

  /** Fails the oldest outstanding send with a retriable error. */
  failNext(message = "leader not available"): void {
    const next = this.queue.shift();
    if (!next) throw new Error("no send in flight");
    next.reject(Object.assign(new Error(message), { code: "LEADER_NOT_AVAILABLE", retriable: true }));
  }
}
