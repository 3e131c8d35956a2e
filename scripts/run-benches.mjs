// `npm run bench`: every workspace bench runs (turbo --continue, one at a time so they do not
// measure each other), then one table of all targets. Exit 0 unless a bench crashed (a MISS is
// a figure, not a crash); BENCH_STRICT=1 also exits 1 on any MISS, for whoever wants a gate.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "bench-targets-"));
const file = path.join(dir, "targets.jsonl");
const run = spawnSync(
  "npx",
  ["turbo", "run", "bench", "--concurrency=1", "--continue", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, BENCH_TARGETS_FILE: file },
  },
);
const targets = existsSync(file)
  ? readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l))
  : [];
rmSync(dir, { recursive: true, force: true });

const rows = [
  ["bench", "figure", "value", "target", "result"],
  ...targets.map((t) => [t.bench, t.figure, t.value, t.target, t.ok ? "OK" : "MISS"]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(" | ");
console.log("\nBench targets (all benches)");
console.log(line(rows[0]));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of rows.slice(1)) console.log(line(r));
const misses = targets.filter((t) => !t.ok).length;
const crashed = run.status !== 0;
console.log(
  `\n${targets.length} targets, ${misses} MISS${crashed ? "; a bench crashed (see its output above)" : ""}`,
);
process.exit(crashed || (process.env.BENCH_STRICT === "1" && misses > 0) ? 1 : 0);
