import { reject } from "./command-handler";
import { slippageOf } from "./position-math";
import type { Rejection } from "./types";

/** Used when a command names no slippage: 1 %. */
const DEFAULT_SLIPPAGE_PCT = "1";

/** A command's slippage bound in 1e-8 % units (default 1 %), or the rejection of a malformed one. */
export function commandSlippage(slippagePct: string | undefined): bigint | Rejection {
  const slippage = slippageOf(slippagePct ?? DEFAULT_SLIPPAGE_PCT);
  if (slippage === null)
    return reject("INVALID_REQUEST", "slippage must be a decimal percent in 0..100");
  return slippage;
}
