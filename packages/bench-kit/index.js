import { appendFileSync } from "node:fs";

export function recordTarget(target) {
  console.log(
    `target ${target.ok ? "OK  " : "MISS"} ${target.bench}: ${target.figure} = ${target.value} (target ${target.target})`,
  );
  const file = process.env.BENCH_TARGETS_FILE;
  if (file !== undefined && file !== "") appendFileSync(file, `${JSON.stringify(target)}\n`);
}
