/*
 * The state hash: an order-independent sum of 64-bit row hashes (the core may not import
 * `crypto`, and needs no cryptographic strength: this detects divergence, not tampering).
 */

/**
 * A 64-bit hash as two 32-bit halves stored as int32 (`| 0`), so they stay small integers in
 * object fields (no boxed doubles on a million open records).
 */
export interface RowHash {
  hi: number;
  lo: number;
}

/** murmur3's fmix32: a bijection of 32-bit integers in which every output bit depends on every input bit. */
function fmix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The 64-bit hash of one canonical state row. Two 32-bit lanes read the string two UTF-16 code
 * units at a time (a multiply, then a rotate so the well-mixed high bits feed the low ones: plain
 * xor-multiply hashes like FNV-1a leave bit 0 the parity of the input, which a sum would inherit);
 * the length is mixed in so a trailing NUL is not lost; two Feistel rounds of fmix32 then make each
 * output half depend on both lanes (a bijection, so they add no collisions).
 * Called on every open and close, so it avoids per-byte limb arithmetic.
 */
export function rowHash(row: string): RowHash {
  const length = row.length;
  let a = 0x9e3779b9 ^ length;
  let b = 0x7f4a7c15 ^ Math.imul(length, 0x85ebca77);
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const word = row.charCodeAt(i) | (row.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ word, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ word, 0x1b873593);
    b = (b << 13) | (b >>> 19);
  }
  if (i < length) {
    const word = row.charCodeAt(i);
    a = Math.imul(a ^ word, 0xcc9e2d51);
    b = Math.imul(b ^ word, 0x1b873593);
  }
  const hi = fmix32(a ^ Math.imul(b, 0x9e3779b1));
  return { hi, lo: fmix32(b ^ Math.imul(hi, 0x27d4eb2f)) };
}

const TWO_32 = 0x1_0000_0000;
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** 8 hex digits of an unsigned 32-bit integer (Number#toString(16) is slow above 2^31: not a small integer). */
function hex32(value: number): string {
  return (
    (HEX_BYTES[(value >>> 24) & 0xff] ?? "") +
    (HEX_BYTES[(value >>> 16) & 0xff] ?? "") +
    (HEX_BYTES[(value >>> 8) & 0xff] ?? "") +
    (HEX_BYTES[value & 0xff] ?? "")
  );
}

/**
 * An order-independent hash of a set of rows: the sum mod 2^64 of their row hashes. Adding or
 * removing one row is O(1), so a state hash can be maintained alongside the state it covers.
 * A sum (unlike XOR) does not cancel two equal rows, and two states holding the same rows hash
 * equal whatever order they were built in.
 */
export class StateHashSum {
  /** Unsigned 32-bit halves of the running sum. */
  private hi = 0;
  private lo = 0;
  /** The last digest, until the next change: reading the hash allocates nothing. */
  private cached: string | null = null;

  /** A sum that starts at a digest() of another (16 hex digits). */
  static fromDigest(digest: string): StateHashSum {
    if (!/^[0-9a-f]{16}$/.test(digest)) throw new Error(`engine-core: not a state hash: ${digest}`);
    const sum = new StateHashSum();
    sum.hi = Number.parseInt(digest.slice(0, 8), 16);
    sum.lo = Number.parseInt(digest.slice(8), 16);
    return sum;
  }

  /** Adds a row hash given as its two halves (int32 or uint32). */
  add(hi: number, lo: number): void {
    const sumLo = this.lo + (lo >>> 0);
    const carry = sumLo >= TWO_32 ? 1 : 0;
    this.lo = sumLo - carry * TWO_32;
    this.hi = (this.hi + (hi >>> 0) + carry) % TWO_32;
    this.cached = null;
  }

  /** Removes a row hash previously added. */
  remove(hi: number, lo: number): void {
    const diffLo = this.lo - (lo >>> 0);
    const borrow = diffLo < 0 ? 1 : 0;
    this.lo = diffLo + borrow * TWO_32;
    this.hi = (this.hi - (hi >>> 0) - borrow + TWO_32) % TWO_32;
    this.cached = null;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    this.cached ??= hex32(this.hi) + hex32(this.lo);
    return this.cached;
  }
}
