import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Issue #10: exact decimals are parsed and formatted in one module. A second copy drifts (the repo
// once had eight, with different functions of the same names), so this test keeps it at one.
const DECIMAL_MODULE = "packages/shared-types/src/decimal.ts";

// e2e specs read the terminal's display text ("$1,234.56"), formatted for people, not ledger values.
const sources = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.mjs"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => file !== "" && file !== DECIMAL_MODULE && !file.startsWith("e2e/") && !/\.test\.(ts|tsx|mjs)$/.test(file));

/** A regex that matches a decimal fraction (`\.\d`), the core of every hand-written decimal parser. */
const DECIMAL_REGEX = /\/[^/\n]*\\\.\(?\\d[^/\n]*\//;
/** Definitions of the module's own verbs, or of the helpers the old copies were made of. */
const DECIMAL_FUNCTION =
  /\bfunction\s+(parseDecimal|formatDecimal|midpoint|sumDecimals|toScaled|fromScaled|formatUnits\w*|parseUnits|normalizeDecimal|formatFixed\w*|parseFixed\w*)\b/;

function offenders(pattern) {
  return sources.filter((file) => readFileSync(file, "utf8").split("\n").some((line) => pattern.test(line)));
}

describe("the one decimal module", () => {
  it("should be the only source file with a decimal-parsing regex", () => {
    expect(offenders(DECIMAL_REGEX)).toEqual([]);
  });

  it("should be the only source file defining decimal parse/format functions", () => {
    expect(offenders(DECIMAL_FUNCTION)).toEqual([]);
  });
});
