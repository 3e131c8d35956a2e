/**
 * Backpack's µs timestamps (`E`, `T`) to unix ms by integer division: 16-digit µs values are below
 * 2^53, so Math.floor of the exact quotient is exact; no float rounding can carry into the ms.
 */
export function microsToMillis(micros: number): number {
  return Math.floor(micros / 1000);
}

const NAIVE_UTC = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;

/**
 * Parses Backpack's naive UTC datetimes, "YYYY-MM-DDTHH:MM:SS" (WS klines) or "YYYY-MM-DD HH:MM:SS"
 * (REST klines), into unix seconds. Returns null when the text is not exactly that shape.
 */
export function naiveUtcToSeconds(text: string): number | null {
  const match = NAIVE_UTC.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  // Date.UTC rolls "02-30" over into March; a real timestamp round-trips.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms / 1000;
}
