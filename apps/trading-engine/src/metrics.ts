import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { TradingEvent } from "./trading/trading-service";

/** The service's Prometheus metrics, on their own registry (several apps can live in one test process). */
export class Metrics {
  readonly registry = new Registry();
  readonly orders = new Counter({
    name: "engine_orders_total",
    help: "Orders accepted, by action (open, close)",
    labelNames: ["action"] as const,
    registers: [this.registry],
  });
  readonly rejects = new Counter({
    name: "engine_rejects_total",
    help: "Requests refused, by error code",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });
  readonly closes = new Counter({
    name: "engine_positions_closed_total",
    help: "Positions closed, by reason",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly liquidations = new Counter({
    name: "engine_liquidations_total",
    help: "Positions liquidated",
    registers: [this.registry],
  });
  readonly ticks = new Counter({
    name: "engine_ticks_total",
    help: "Market updates applied",
    registers: [this.registry],
  });
  readonly quotesRefused = new Counter({
    name: "engine_quotes_refused_total",
    help: "Market updates not acted on, by reason (future: beyond MAX_CLOCK_SKEW_MS; stale: older than PRICE_STALE_MS on arrival; held: outside PRICE_BAND_PCT, awaiting confirmation)",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly tickLag = new Histogram({
    name: "engine_tick_lag_ms",
    help: "Receive time minus exchange time of applied market updates (ms)",
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: "engine_consumer_lag_messages",
    help: "Messages behind the log end over assigned partitions",
    registers: [this.registry],
  });
  readonly sockets = new Gauge({
    name: "engine_sockets_connected",
    help: "Connected Socket.IO clients",
    registers: [this.registry],
  });
  readonly eventLoopDelay = new Gauge({
    name: "engine_event_loop_delay_p99_ms",
    help: "p99 event-loop delay since the previous scrape (ms)",
    registers: [this.registry],
  });
  private readonly loop: IntervalHistogram;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.loop = monitorEventLoopDelay({ resolution: 10 });
    this.loop.enable();
  }

  /** Counts what the trading service reports: closes by reason, liquidations, applied ticks and their lag. */
  recordTradingEvent(event: TradingEvent): void {
    if (event.type === "positionClosed") {
      this.closes.inc({ reason: event.position.closeReason });
      if (event.position.closeReason === "liquidation") this.liquidations.inc();
    } else if (event.type === "quote") {
      this.ticks.inc();
      this.tickLag.observe(Math.max(0, event.quote.receivedAt - event.quote.timestamp));
    }
  }

  /** Prometheus text; refreshes the sampled gauges first. */
  async render(sample: { consumerLag: number | null; sockets: number }): Promise<string> {
    this.eventLoopDelay.set(this.loop.percentile(99) / 1e6);
    this.loop.reset();
    if (sample.consumerLag !== null) this.consumerLag.set(sample.consumerLag);
    this.sockets.set(sample.sockets);
    return this.registry.metrics();
  }

  close(): void {
    this.loop.disable();
  }
}
