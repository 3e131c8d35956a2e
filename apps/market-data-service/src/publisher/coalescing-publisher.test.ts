import { TOPICS } from "@repo/kafka-utils/topics";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemorySink } from "../test-support/memory-sink";
import { CoalescingPublisher } from "./coalescing-publisher";

function update(symbol: string, price: string, timestamp: number): TMarketUpdate {
  return { schemaVersion: 1, symbol, price, bid: price, ask: price, volume: "0", timestamp, source: "simulator" };
}

function publisher(sink: MemorySink, maxPending = 3) {
  return new CoalescingPublisher<TMarketUpdate>({
    topic: TOPICS.marketUpdates,
    sink,
    coalesceKey: (u) => u.symbol,
    maxPending,
    retry: { initialMs: 10, maxMs: 40 },
  });
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("CoalescingPublisher", () => {
  it("sends each message once when the sink keeps up", async () => {
    const sink = new MemorySink("auto");
    const p = publisher(sink);
    p.publish(update("SOL_USDC", "1.00", 1));
    await p.flush(1_000);
    p.publish(update("SOL_USDC", "1.01", 2));
    await p.flush(1_000);
    expect(sink.delivered.map((d) => (d.value as TMarketUpdate).price)).toEqual(["1.00", "1.01"]);
    expect(p.stats()).toMatchObject({ sent: 2, coalesced: 0, pending: 0 });
  });

  it("keeps only the latest message per symbol while a send is in flight, and batches them", async () => {
    const sink = new MemorySink("manual");
    const p = publisher(sink);
    p.publish(update("SOL_USDC", "1.00", 1));
    for (let i = 2; i <= 100; i += 1) p.publish(update("SOL_USDC", `1.${String(i).padStart(2, "0")}`, i));
    p.publish(update("BTC_USDC", "100000.0", 3));
    expect(p.stats()).toMatchObject({ pending: 2, inFlight: 1, coalesced: 98 });
    sink.ackNext();
    await flushMicrotasks();
    expect(sink.sends[1]?.values.map((v) => (v as TMarketUpdate).price)).toEqual(["1.100", "100000.0"]);
    sink.ackNext();
    await p.flush(1_000);
    expect(p.stats()).toMatchObject({ sent: 3, pending: 0 });
  });

  it("never sends an older message after a newer one for the same key across a failed send", async () => {
    const sink = new MemorySink("manual");
    const p = publisher(sink);
    p.publish(update("SOL_USDC", "1.00", 1));
    p.publish(update("ETH_USDC", "3000.00", 1));
    // While the first batch is in flight, SOL moves on; ETH does not.
    p.publish(update("SOL_USDC", "2.00", 2));
    sink.failNext();
    await flushMicrotasks();
    expect(p.stats()).toMatchObject({ failing: true, pending: 2, coalesced: 1 });
    // The retry carries the newest SOL and the failed ETH, never the failed SOL 1.00.
    await vi.waitFor(() => expect(sink.inFlight()).toBe(1));
    sink.ackNext();
    await p.flush(1_000);
    const prices = sink.delivered.map((d) => `${(d.value as TMarketUpdate).symbol}@${(d.value as TMarketUpdate).price}`);
    expect(prices.sort()).toEqual(["ETH_USDC@3000.00", "SOL_USDC@2.00"]);
    expect(p.stats().failing).toBe(false);
  });

  it("stays bounded during a long outage: pending never exceeds the number of keys", async () => {
    const sink = new MemorySink("manual");
    const p = publisher(sink, 3);
    let maxPending = 0;
    for (let i = 0; i < 5_000; i += 1) {
      for (const symbol of ["SOL_USDC", "BTC_USDC", "ETH_USDC"]) p.publish(update(symbol, `${1 + i}.00`, i + 1));
      maxPending = Math.max(maxPending, p.stats().pending);
      if (sink.inFlight() > 0 && i % 100 === 0) sink.failNext();
      if (i % 100 === 0) await flushMicrotasks();
    }
    expect(maxPending).toBeLessThanOrEqual(3);
    expect(p.stats().coalesced).toBeGreaterThan(14_000);
    sink.setMode("auto");
    while (sink.inFlight() > 0) sink.ackNext();
    await vi.waitFor(() => expect(p.stats().pending).toBe(0), { timeout: 2_000 });
    await p.flush(2_000);
    const last = sink.delivered.filter((d) => (d.value as TMarketUpdate).symbol === "SOL_USDC").at(-1);
    expect((last?.value as TMarketUpdate).price).toBe("5000.00");
  });

  it("evicts the oldest key past maxPending and counts it dropped", () => {
    const sink = new MemorySink("manual");
    const p = publisher(sink, 2);
    p.publish(update("SOL_USDC", "1", 1)); // in flight
    p.publish(update("BTC_USDC", "1", 1));
    p.publish(update("ETH_USDC", "1", 1));
    p.publish(update("SOL_USDC", "2", 2));
    expect(p.stats()).toMatchObject({ pending: 2, dropped: 1 });
  });

  it("rejects a message that fails the topic schema without sending it", () => {
    const sink = new MemorySink("auto");
    const p = publisher(sink);
    expect(p.publish({ ...update("SOL_USDC", "1", 1), bid: "2", ask: "1" })).toBe(false);
    expect(sink.sends).toHaveLength(0);
    expect(p.stats().dropped).toBe(1);
  });
});
