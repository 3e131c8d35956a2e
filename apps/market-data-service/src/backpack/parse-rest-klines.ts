import { isDecimal } from "@repo/shared-types/decimal";
import { naiveUtcToSeconds } from "./time";

/** One REST `/api/v1/klines` row, parsed. Prices are null for a minute without trades. */
export interface RestKline {
  startSec: number;
  endSec: number;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string | null;
  volume: string;
}

export interface RestKlinesResult {
  klines: RestKline[];
  /** Rows skipped because they did not match the documented shape. */
  malformed: number;
}

function nullableDecimal(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === "string" && isDecimal(value) ? value : undefined;
}

/**
 * Parses a `/api/v1/klines` body: an array of `{start, end, open, high, low, close, volume,
 * quoteVolume, trades}` with naive "YYYY-MM-DD HH:MM:SS" UTC times and string (or null) prices.
 * Rows come back sorted by start; bad rows are skipped and counted.
 */
export function parseRestKlines(body: unknown): RestKlinesResult {
  if (!Array.isArray(body)) return { klines: [], malformed: 1 };
  const klines: RestKline[] = [];
  let malformed = 0;
  for (const row of body as unknown[]) {
    if (typeof row !== "object" || row === null) {
      malformed += 1;
      continue;
    }
    const r = row as Record<string, unknown>;
    const startSec = typeof r.start === "string" ? naiveUtcToSeconds(r.start) : null;
    const endSec = typeof r.end === "string" ? naiveUtcToSeconds(r.end) : null;
    const open = nullableDecimal(r.open);
    const high = nullableDecimal(r.high);
    const low = nullableDecimal(r.low);
    const close = nullableDecimal(r.close);
    const volume = nullableDecimal(r.volume);
    if (
      startSec === null ||
      endSec === null ||
      open === undefined ||
      high === undefined ||
      low === undefined ||
      close === undefined ||
      volume === undefined
    ) {
      malformed += 1;
      continue;
    }
    klines.push({ startSec, endSec, open, high, low, close, volume: volume ?? "0" });
  }
  klines.sort((a, b) => a.startSec - b.startSec);
  return { klines, malformed };
}
