/** Exact fixed-point helpers on bigint: prices and money never go through float arithmetic. */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string (or a JSON number, via String(), which yields the digits the server
 * wrote) into an integer scaled by 10^scale. Extra digits are truncated toward zero.
 * Returns null for anything that is not a plain decimal.
 */
export function toScaled(value: string | number, scale: number): bigint | null {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, int = "0", frac = ""] = match;
  const digits = BigInt(int + frac.slice(0, scale).padEnd(scale, "0"));
  return sign ? -digits : digits;
}

/** Renders a scaled integer as a decimal string with exactly `scale` fraction digits. */
export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = abs.toString().padStart(scale + 1, "0");
  const int = text.slice(0, text.length - scale);
  const frac = text.slice(text.length - scale);
  return `${negative ? "-" : ""}${int}${scale > 0 ? `.${frac}` : ""}`;
}

export type TRounding = "floor" | "ceil" | "half-up";

/** Integer division with an explicit rounding mode (b must be positive). */
export function divRound(a: bigint, b: bigint, mode: TRounding): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  switch (mode) {
    case "floor":
      return a < 0n ? q - 1n : q;
    case "ceil":
      return a < 0n ? q : q + 1n;
    case "half-up": {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice < b) return q;
      return a < 0n ? q - 1n : q + 1n;
    }
  }
}

/** Drops insignificant trailing zeros: "150.50000000" → "150.5", "2.00" → "2". */
export function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
