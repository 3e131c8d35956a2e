/**
 * Profiling harness for the close/settle path (`node --cpu-prof` friendly): builds a book of N
 * open positions, then times ticks that each close a refilled 1 % batch, reporting µs per close.
 * Usage: tsx bench/settle-profile.ts [N] [busyTicks] [profile.cpuprofile]; with the third argument
 * only the busy ticks are CPU-profiled (the book build is not).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { createEngine, type EngineConfig } from "../src/engine";
import { parseUsd, priceFromUnits, usdFromCents } from "../src/money";
import { mulberry32 } from "./prng";

const config: EngineConfig = {
  markets: [{ symbol: "SOL_USDC", asset: "SOL", maxLeverage: 100 }],
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
};
const MID = 10_000_000_000n;
const n = Number(process.argv[2] ?? "1000000");
const busyTicks = Number(process.argv[3] ?? "20");
const engine = createEngine(config);
let clock = 1_700_000_000_000;
const tick = (bid: bigint, ask: bigint) => {
  clock += 1;
  return engine.execute({
    type: "applyQuote",
    symbol: "SOL_USDC",
    bid: priceFromUnits(bid),
    ask: priceFromUnits(ask),
    price: priceFromUnits((bid + ask) / 2n),
    timestamp: clock,
    at: clock,
  });
};
const random = mulberry32(42);
for (let a = 0; a < n / 100 + 10; a++)
  engine.execute({ type: "createAccount", accountId: `a${a}`, at: clock });
tick(MID, MID);
const buildStart = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  const side = i % 2 === 0 ? ("long" as const) : ("short" as const);
  engine.execute({
    type: "openPosition",
    accountId: `a${Math.floor(i / 100)}`,
    positionId: `p${i}`,
    symbol: "SOL_USDC",
    side,
    margin: usdFromCents(1000n + BigInt(Math.floor(random() * 5000))),
    leverage: 2 + Math.floor(random() * 39),
    at: clock,
  });
}
const buildNs = Number(process.hrtime.bigint() - buildStart);
console.log(`build: ${(buildNs / 1000 / n).toFixed(2)} µs per open (N=${n})`);
const profilePath = process.argv[4];
const session = new Session();
const post = (method: string, params?: object): Promise<unknown> =>
  new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => {
      if (error === null) resolve(result);
      else reject(error);
    });
  });
if (profilePath !== undefined) {
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  await post("Profiler.start");
}
const batch = Math.floor(n / 100);
let closeNs = 0n;
let closes = 0;
for (let t = 0; t < busyTicks; t++) {
  for (let i = 0; i < batch; i++) {
    engine.execute({
      type: "openPosition",
      accountId: `a${Math.floor(n / 100) + (i % 10)}`,
      positionId: `tp${t}-${i}`,
      symbol: "SOL_USDC",
      side: "long",
      margin: usdFromCents(1000n),
      leverage: 10,
      takeProfit: priceFromUnits(10_060_000_000n),
      at: clock,
    });
  }
  const start = process.hrtime.bigint();
  const out = tick(10_060_000_000n, 10_060_100_000n);
  closeNs += process.hrtime.bigint() - start;
  if (out.result.ok) closes += out.result.value.closed.length;
  tick(MID, MID + 1_000_000n);
}
if (profilePath !== undefined) {
  const { profile } = (await post("Profiler.stop")) as { profile: unknown };
  writeFileSync(profilePath, JSON.stringify(profile));
  session.disconnect();
}
console.log(
  `${closes} closes, ${(Number(closeNs) / 1000 / closes).toFixed(2)} µs per close (N=${n})`,
);
