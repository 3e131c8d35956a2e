import { recordTarget } from "@repo/bench-kit";
import { createEngine, type EngineConfig } from "../src/engine";
import { priceFromUnits } from "../src/money";
import { mulberry32 } from "./prng";

const SYMBOL = "SOL_USDC";
const MID = 10_000_000_000n; // 100.00
const T0 = 1_700_000_000_000;

/**
 * Tick latency with 100k armed alerts (half above 100.10..110, half below 90..99.90) against the
 * same ticks with none, measured in this run: the alert index looks at two heap tops, so the
 * ratio should stay near 1×. Then one tick that fires 1,000 of them, for scale.
 */
export function benchAlertTicks(config: EngineConfig): void {
  const armed = 100_000;
  const ticks = 5_000;
  const measure = (alerts: number): { p50: number; firedNs: number } => {
    const engine = createEngine(config);
    const random = mulberry32(11);
    engine.execute({ type: "createAccount", accountId: "a", at: T0 });
    let clock = T0;
    const tick = (bid: bigint) => {
      clock += 1;
      return engine.execute({
        type: "applyQuote",
        symbol: SYMBOL,
        bid: priceFromUnits(bid),
        ask: priceFromUnits(bid + 1_000_000n),
        price: priceFromUnits(bid),
        timestamp: clock,
        at: clock,
      });
    };
    tick(MID);
    for (let i = 0; i < alerts; i++) {
      const above = i % 2 === 0;
      const away = 10_000_000n + BigInt(Math.floor(random() * 990_000_000)); // 0.10 .. 10.00
      engine.execute({
        type: "placeAlert",
        accountId: "a",
        alertId: `al${i}`,
        symbol: SYMBOL,
        condition: above ? "above" : "below",
        price: priceFromUnits(above ? MID + away : MID - away),
        at: clock,
      });
    }
    const samples: number[] = [];
    for (let i = 0; i < ticks; i++) {
      const bid = MID + BigInt(Math.floor(random() * 10_000_000)) - 5_000_000n; // ± 0.05
      const start = process.hrtime.bigint();
      const out = tick(bid);
      samples.push(Number(process.hrtime.bigint() - start));
      if (!out.result.ok || out.result.value.alerts.length !== 0)
        throw new Error("a quiet tick fired alerts");
    }
    samples.sort((x, y) => x - y);
    // The ask reaching 100.10 + 1 % of the above band fires ≈ 1 % of the above alerts.
    const start = process.hrtime.bigint();
    tick(MID + 19_900_000n);
    const firedNs = Number(process.hrtime.bigint() - start);
    return { p50: samples[Math.floor(samples.length / 2)] ?? 0, firedNs };
  };
  const none = measure(0);
  const full = measure(armed);
  const ratio = full.p50 / none.p50;
  console.log(
    `\n-- price alerts --\nquiet tick p50: ${armed.toLocaleString("en")} armed alerts ${(full.p50 / 1000).toFixed(1)} µs | none ${(none.p50 / 1000).toFixed(1)} µs | ratio ${ratio.toFixed(2)}× | one cold (first) tick firing ≈ 500 alerts ${(full.firedNs / 1000).toFixed(0)} µs`,
  );
  recordTarget({
    bench: "engine-core",
    figure: "quiet tick p50 with 100k armed alerts / with none",
    value: `${ratio.toFixed(2)}×`,
    target: "≤ 1.5×",
    ok: ratio <= 1.5,
  });
}
