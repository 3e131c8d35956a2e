/**
 * FNV-1a 64-bit, computed on four 16-bit limbs so every intermediate stays an exact small integer
 * (the core may not import `crypto`). Feed strings with `update`, read the hex digest with `digest`.
 * Characters above 0x7f are fed as two bytes (high, low) of their UTF-16 code unit; this keeps the
 * hash canonical without a UTF-8 encoder (and equals standard FNV-1a 64 for ASCII input).
 */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  update(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        this.byte(code >>> 8);
        this.byte(code & 0xff);
      } else {
        this.byte(code);
      }
    }
    return this;
  }

  digest(): string {
    return [this.h3, this.h2, this.h1, this.h0]
      .map((limb) => limb.toString(16).padStart(4, "0"))
      .join("");
  }

  /** The high 32 bits, as an unsigned integer. */
  high(): number {
    return this.h3 * 0x10000 + this.h2;
  }

  /** The low 32 bits, as an unsigned integer. */
  low(): number {
    return this.h1 * 0x10000 + this.h0;
  }

  private byte(value: number): void {
    // h ^= byte; h *= 0x100000001b3 (= 2^40 + 0x1b3), limb by limb with carries.
    const h0 = this.h0 ^ value;
    const t0 = h0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }
}

/** FNV-1a 64 of one string, as 16 hex digits. */
export function fnv1a64(text: string): string {
  return new Fnv1a64().update(text).digest();
}

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
 * The 64-bit hash of one canonical state row: FNV-1a 64, then two Feistel rounds of fmix32.
 * The rows are summed (see StateHashSum), and plain FNV-1a's low bits depend only on the low bits
 * of the input bytes (bit 0 is their parity), which a sum would inherit; the finisher spreads
 * every input bit over all 64 output bits. It is a bijection, so it adds no collisions.
 */
export function rowHash(row: string): RowHash {
  const fnv = new Fnv1a64().update(row);
  const lo = fnv.low();
  const hi = fmix32(fnv.high() ^ Math.imul(lo, 0x9e3779b1));
  return { hi, lo: fmix32(lo ^ Math.imul(hi, 0x27d4eb2f)) };
}

const TWO_32 = 0x1_0000_0000;

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

  /** Adds a row hash given as its two halves (int32 or uint32). */
  add(hi: number, lo: number): void {
    const sumLo = this.lo + (lo >>> 0);
    const carry = sumLo >= TWO_32 ? 1 : 0;
    this.lo = sumLo - carry * TWO_32;
    this.hi = (this.hi + (hi >>> 0) + carry) % TWO_32;
  }

  /** Removes a row hash previously added. */
  remove(hi: number, lo: number): void {
    const diffLo = this.lo - (lo >>> 0);
    const borrow = diffLo < 0 ? 1 : 0;
    this.lo = diffLo + borrow * TWO_32;
    this.hi = (this.hi - (hi >>> 0) - borrow + TWO_32) % TWO_32;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}
