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
