import type { TopicDefinition } from "@repo/kafka-utils/topics";
import type { MessageSink } from "../ports/message-sink";

interface Entry<T> {
  value: T;
  /** When the message was handed to the publisher (ms; the injected clock). */
  enqueuedAt: number;
}

export interface PublisherStats {
  pending: number;
  inFlight: number;
  sent: number;
  /** Messages replaced by a newer message with the same key before they were sent. */
  coalesced: number;
  /** Messages dropped: failed the topic schema, or evicted because `maxPending` was reached. */
  dropped: number;
  failedSends: number;
  /** True from a failed send until the next successful one. */
  failing: boolean;
  lastError: string | null;
}

export interface CoalescingPublisherOptions<T> {
  topic: TopicDefinition<T>;
  sink: MessageSink;
  /** Messages with the same key are state: only the latest one is worth sending. */
  coalesceKey: (value: T) => string;
  /** Upper bound of distinct pending keys; past it the oldest pending key is evicted. */
  maxPending: number;
  /** Largest batch per send. */
  maxBatch?: number;
  retry?: { initialMs?: number; maxMs?: number };
  now?: () => number;
  onSent?: (values: readonly T[], enqueuedAt: readonly number[], sendMs: number) => void;
  onCoalesced?: (count: number) => void;
  onDropped?: (count: number, reason: "invalid" | "overflow") => void;
  onSendError?: (error: unknown, attempt: number) => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isInvalidMessage(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "INVALID_MESSAGE";
}

/**
 * Publishes to one topic with backpressure by coalescing. One batch is in flight at a time; what
 * arrives meanwhile waits in a map keyed by `coalesceKey`, where a newer message replaces an older
 * one. A failed batch is put back only for keys that have nothing newer pending, then retried with
 * exponential backoff. So per key a message is never sent after a newer one, memory is bounded by
 * `maxPending` + one batch, and while Kafka is down the service keeps only the latest state.
 */
export class CoalescingPublisher<T> {
  private pending = new Map<string, Entry<T>>();
  private inFlightCount = 0;
  private sending: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;
  private readonly now: () => number;
  private readonly maxBatch: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly counters = { sent: 0, coalesced: 0, dropped: 0, failedSends: 0 };
  private lastError: string | null = null;
  private failing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: CoalescingPublisherOptions<T>) {
    this.now = options.now ?? Date.now;
    this.maxBatch = options.maxBatch ?? 500;
    this.retryInitialMs = options.retry?.initialMs ?? 200;
    this.retryMaxMs = options.retry?.maxMs ?? 5_000;
  }

  /** Queues a message; returns false when it failed the topic schema (dropped and counted). */
  publish(value: T, enqueuedAt: number = this.now()): boolean {
    if (this.stopped) return false;
    if (!this.options.topic.schema.safeParse(value).success) {
      this.counters.dropped += 1;
      this.options.onDropped?.(1, "invalid");
      return false;
    }
    const key = this.options.coalesceKey(value);
    const previous = this.pending.get(key);
    if (previous) {
      this.counters.coalesced += 1;
      this.options.onCoalesced?.(1);
      // Keep the first enqueue time: latency is measured from the oldest state the message replaces.
      this.pending.set(key, { value, enqueuedAt: Math.min(previous.enqueuedAt, enqueuedAt) });
    } else {
      if (this.pending.size >= this.options.maxPending) this.evictOldest();
      this.pending.set(key, { value, enqueuedAt });
    }
    this.kick();
    return true;
  }

  get topicName(): string {
    return this.options.topic.name;
  }

  stats(): PublisherStats {
    return {
      pending: this.pending.size,
      inFlight: this.inFlightCount,
      ...this.counters,
      failing: this.failing,
      lastError: this.lastError,
    };
  }

  /** Resolves when nothing is pending or in flight, or after `timeoutMs`; returns whether it drained. */
  async flush(timeoutMs: number): Promise<boolean> {
    if (this.isIdle()) return true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.kick();
    }
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return drained;
  }

  /** Stops retrying and accepting messages; what is pending is discarded (call flush first). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pending.clear();
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.sending === null;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private evictOldest(): void {
    const oldest = this.pending.keys().next();
    if (oldest.done === true) return;
    this.pending.delete(oldest.value);
    this.counters.dropped += 1;
    this.options.onDropped?.(1, "overflow");
  }

  private kick(): void {
    if (this.sending !== null || this.retryTimer !== null || this.stopped || this.pending.size === 0) return;
    this.sending = this.sendBatch().finally(() => {
      this.sending = null;
      if (this.pending.size > 0 && this.retryTimer === null && !this.stopped) this.kick();
      else if (this.isIdle()) this.notifyIdle();
    });
  }

  private async sendBatch(): Promise<void> {
    const batch: [string, Entry<T>][] = [];
    for (const item of this.pending) {
      batch.push(item);
      if (batch.length >= this.maxBatch) break;
    }
    for (const [key] of batch) this.pending.delete(key);
    this.inFlightCount = batch.length;
    const values = batch.map(([, entry]) => entry.value);
    const started = this.now();
    try {
      await this.options.sink.send(this.options.topic, values);
      const sendMs = this.now() - started;
      this.counters.sent += batch.length;
      this.attempt = 0;
      this.failing = false;
      this.options.onSent?.(
        values,
        batch.map(([, entry]) => entry.enqueuedAt),
        sendMs,
      );
    } catch (error) {
      this.counters.failedSends += 1;
      this.lastError = errorText(error);
      this.attempt += 1;
      this.options.onSendError?.(error, this.attempt);
      if (isInvalidMessage(error)) {
        // Values were validated on publish, so this is a bug; retrying would loop forever.
        this.counters.dropped += batch.length;
        this.options.onDropped?.(batch.length, "invalid");
        return;
      }
      this.failing = true;
      this.requeue(batch);
      this.scheduleRetry();
    } finally {
      this.inFlightCount = 0;
    }
  }

  /** Puts a failed batch back in front, unless a newer message for the key arrived meanwhile. */
  private requeue(batch: [string, Entry<T>][]): void {
    const merged = new Map<string, Entry<T>>();
    let superseded = 0;
    for (const [key, entry] of batch) {
      if (this.pending.has(key)) superseded += 1;
      else merged.set(key, entry);
    }
    for (const [key, entry] of this.pending) merged.set(key, entry);
    this.pending = merged;
    while (this.pending.size > this.options.maxPending) this.evictOldest();
    if (superseded > 0) {
      this.counters.coalesced += superseded;
      this.options.onCoalesced?.(superseded);
    }
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** Math.min(this.attempt - 1, 20));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }
}
