/** Exact sum of non-negative decimal strings ("1.5" + "2.25" = "3.75"), no floats involved. */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) {
    const dot = v.indexOf(".");
    if (dot !== -1) scale = Math.max(scale, v.length - dot - 1);
  }
  let total = 0n;
  for (const v of values) {
    const [int = "0", frac = ""] = v.split(".");
    total += BigInt((int.length > 0 ? int : "0") + frac.padEnd(scale, "0"));
  }
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, "0");
  const fraction = digits.slice(-scale).replace(/0+$/, "");
  const whole = digits.slice(0, -scale);
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
}
