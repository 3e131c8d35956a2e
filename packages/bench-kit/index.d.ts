/** One bench target: the measured figure against the figure it must reach. */
export interface BenchTarget {
  /** The bench that measured it, e.g. "kafka-utils". */
  bench: string;
  /** What was measured, e.g. "produce throughput vs raw kafkajs". */
  figure: string;
  /** The measured value as printed, e.g. "88.9 %". */
  value: string;
  /** The target as printed, e.g. "≥ 90.9 %". */
  target: string;
  ok: boolean;
}

/**
 * Prints the target as one line and, when the root runner set BENCH_TARGETS_FILE, appends it
 * there for the final table. A MISS never changes the exit code: the runner decides.
 */
export function recordTarget(target: BenchTarget): void;
