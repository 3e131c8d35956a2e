/** Integer units (ticks, steps) → decimal string with exactly `decimals` places. */
export function formatUnits(units: number | bigint, decimals: number): string {
  const value = BigInt(units);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  if (decimals === 0) return `${negative ? "-" : ""}${digits}`;
  const padded = digits.padStart(decimals + 1, "0");
  return `${negative ? "-" : ""}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** Like formatUnits, without trailing fractional zeros (Backpack's volumes: "15089.56"). */
export function formatUnitsTrimmed(units: number | bigint, decimals: number): string {
  const text = formatUnits(units, decimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Decimal string → integer units at `decimals` places; null if it has more places or is not a decimal. */
export function parseUnits(text: string, decimals: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const int = match[1] ?? "0";
  const frac = match[2] ?? "";
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) return null;
  const units = Number(int + frac.slice(0, decimals).padEnd(decimals, "0"));
  return Number.isSafeInteger(units) ? units : null;
}
