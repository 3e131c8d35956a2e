import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowHash, StateHashSum } from "./state-hash";

const sumOf = (rows: string[]): string => {
  const sum = new StateHashSum();
  for (const row of rows) {
    const h = rowHash(row);
    sum.add(h.hi, h.lo);
  }
  return sum.digest();
};

describe("state hash", () => {
  it("rowHash should be a pure function of the row, sensitive to every character and the length", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.nat(),
        fc.nat({ max: 0xffff }),
        (row, at, unit) => {
          expect(rowHash(row)).toEqual(rowHash(row.slice()));
          const i = row.length === 0 ? 0 : at % row.length;
          const changed = row.slice(0, i) + String.fromCharCode(unit) + row.slice(i + 1);
          if (changed !== row) expect(rowHash(changed)).not.toEqual(rowHash(row));
          expect(rowHash(`${row}\u0000`)).not.toEqual(rowHash(row));
        },
      ),
    );
  });

  it("rowHash should give int32 halves, and differ for rows that differ in one low bit", () => {
    const a = rowHash("A|alice|100");
    const b = rowHash("A|alice|101");
    for (const h of [a, b]) {
      expect(h.hi | 0).toBe(h.hi);
      expect(h.lo | 0).toBe(h.lo);
    }
    // A one-bit input change should flip bits everywhere, the low ones included.
    expect(((a.lo ^ b.lo) >>> 0).toString(2).length).toBeGreaterThan(16);
    expect((a.lo ^ b.lo) & 0xff).not.toBe(0);
    expect(a.hi).not.toBe(b.hi);
  });

  it("an empty sum should be 16 zero digits", () => {
    expect(new StateHashSum().digest()).toBe("0000000000000000");
  });

  it("the sum should be independent of order, undone by remove, and not cancel duplicates", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), fc.string(), (rows, extra) => {
        const digest = sumOf(rows);
        expect(digest).toMatch(/^[0-9a-f]{16}$/);
        expect(sumOf([...rows].reverse())).toBe(digest);
        const sum = new StateHashSum();
        for (const row of [...rows, extra]) {
          const h = rowHash(row);
          sum.add(h.hi, h.lo);
        }
        const h = rowHash(extra);
        sum.remove(h.hi, h.lo);
        expect(sum.digest()).toBe(digest);
        // XOR would cancel a repeated row; the sum must not.
        expect(sumOf([...rows, extra, extra])).not.toBe(digest);
      }),
    );
  });

  it("add and remove should carry and borrow across both halves, mod 2^64", () => {
    const sum = new StateHashSum();
    sum.add(-1, -1); // 0xffffffff_ffffffff
    expect(sum.digest()).toBe("ffffffffffffffff");
    sum.add(0, 1); // wraps to 0
    expect(sum.digest()).toBe("0000000000000000");
    sum.remove(0, 1);
    expect(sum.digest()).toBe("ffffffffffffffff");
    sum.remove(-1, -2); // −0xffffffff_fffffffe
    expect(sum.digest()).toBe("0000000000000001");
    sum.add(0, 0x7fffffff);
    sum.add(0, 0x7fffffff);
    expect(sum.digest()).toBe("00000000ffffffff");
    sum.add(0, 1);
    expect(sum.digest()).toBe("0000000100000000");
  });
});
