import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The service's Prometheus metrics, on a registry of its own (tests build several services). */
export function createMetrics(options: {
  defaultMetrics?: boolean;
  lastFrameAgeSeconds: () => number | null;
  pending: () => { topic: string; count: number }[];
}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "mds_" });
  const framesIn = new Counter({
    name: "mds_frames_in_total",
    help: "WebSocket frames received, by stream type and symbol",
    labelNames: ["stream", "symbol"] as const,
    registers: [registry],
  });
  const framesMalformed = new Counter({
    name: "mds_frames_malformed_total",
    help: "Frames that were not valid Backpack frames (skipped)",
    registers: [registry],
  });
  const feedErrors = new Counter({
    name: "mds_feed_error_frames_total",
    help: "Error frames received from the exchange, by code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const skipped = new Counter({
    name: "mds_updates_skipped_total",
    help: "Frames that produced no market message, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const messagesOut = new Counter({
    name: "mds_messages_out_total",
    help: "Messages acknowledged by Kafka, by topic and symbol",
    labelNames: ["topic", "symbol"] as const,
    registers: [registry],
  });
  const coalesced = new Counter({
    name: "mds_messages_coalesced_total",
    help: "Messages replaced by a newer one for the same key before they were sent",
    labelNames: ["topic"] as const,
    registers: [registry],
  });
  const dropped = new Counter({
    name: "mds_messages_dropped_total",
    help: "Messages dropped (invalid, or evicted by the pending bound)",
    labelNames: ["topic", "reason"] as const,
    registers: [registry],
  });
  const reconnects = new Counter({
    name: "mds_feed_reconnects_total",
    help: "Feed connections lost (each is followed by a reconnect attempt)",
    registers: [registry],
  });
  new Gauge({
    name: "mds_messages_pending",
    help: "Messages waiting for Kafka, by topic (bounded: latest per key)",
    labelNames: ["topic"] as const,
    registers: [registry],
    collect() {
      for (const { topic, count } of options.pending()) this.set({ topic }, count);
    },
  });
  const feedConnected = new Gauge({
    name: "mds_feed_connected",
    help: "1 while the exchange WebSocket is open",
    registers: [registry],
  });
  new Gauge({
    name: "mds_last_frame_age_seconds",
    help: "Seconds since the last frame from the exchange (-1 before the first)",
    registers: [registry],
    collect() {
      this.set(options.lastFrameAgeSeconds() ?? -1);
    },
  });
  const sendLatency = new Histogram({
    name: "mds_kafka_send_latency_seconds",
    help: "Kafka send latency (send call to acknowledgement), by topic",
    labelNames: ["topic"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const candlesBackfilled = new Counter({
    name: "mds_candles_backfilled_total",
    help: "History candles fetched from REST and queued, by symbol",
    labelNames: ["symbol"] as const,
    registers: [registry],
  });
  return { registry, framesIn, framesMalformed, feedErrors, skipped, messagesOut, coalesced, dropped, reconnects, feedConnected, sendLatency, candlesBackfilled };
}

export type ServiceMetrics = ReturnType<typeof createMetrics>;
