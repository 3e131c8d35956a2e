import { priceToNumber, usdToNumber } from "@repo/engine-core/money";
import type { Engine, Position } from "@repo/engine-core/engine";
import { presentPosition, presentState } from "./present";

/**
 * A presented position's JSON with its two quote-dependent values cut out: `head` ends with
 * `"unrealizedPnL":`, `middle` runs to `"currentPrice":`, `tail` is the rest. Every other field is
 * fixed for the Position object (the engine replaces a position on any change, never mutates it).
 */
interface Fragments {
  head: string;
  middle: string;
  tail: string;
}

const PNL_KEY = ',"unrealizedPnL":';
const PRICE_KEY = ',"currentPrice":';
const POSITIONS_KEY = '"positions":[';

/** One entry per live Position object; a closed or replaced one is collected with it. */
const fragmentsOf = new WeakMap<Position, Fragments>();

/** The end of a JSON number value starting at `from`: numbers hold no `,` or `}`. */
function numberEnd(json: string, from: number): number {
  for (let i = from; i < json.length; i += 1) {
    const c = json.charCodeAt(i);
    if (c === 0x2c || c === 0x7d) return i;
  }
  return json.length;
}

/**
 * Splits presentPosition's own JSON, so the cached text follows whatever fields it presents.
 * Both keys precede every client-supplied string (clientOrderId comes last), so the first match
 * is the key itself.
 */
function fragments(engine: Engine, p: Position): Fragments {
  const cached = fragmentsOf.get(p);
  if (cached !== undefined) return cached;
  const json = JSON.stringify(presentPosition(engine, p));
  const pnlAt = json.indexOf(PNL_KEY) + PNL_KEY.length;
  const pnlEnd = numberEnd(json, pnlAt);
  const priceAt = json.indexOf(PRICE_KEY, pnlEnd) + PRICE_KEY.length;
  const priceEnd = numberEnd(json, priceAt);
  const made = { head: json.slice(0, pnlAt), middle: json.slice(pnlEnd, priceAt), tail: json.slice(priceEnd) };
  fragmentsOf.set(p, made);
  return made;
}

/**
 * The `GET /api/v1/state` body as JSON text, equal to JSON.stringify(presentState(…)) character
 * for character, built from each position's cached fragments: only its PnL and mark price are
 * formatted per read (JSON numbers print as String(number) does).
 */
export function presentStateJson(engine: Engine, accountId: string): string | null {
  const body = presentState(engine, accountId, false);
  if (body === null) return null;
  const json = JSON.stringify(body);
  const at = json.indexOf(POSITIONS_KEY) + POSITIONS_KEY.length;
  let positions = "";
  for (const p of engine.getOpenPositions(accountId)) {
    const f = fragments(engine, p);
    const mark = engine.markPosition(p);
    const price = priceToNumber(mark.currentPrice ?? p.entryPrice);
    positions += `${positions === "" ? "" : ","}${f.head}${String(usdToNumber(mark.unrealizedPnl))}${f.middle}${String(price)}${f.tail}`;
  }
  return json.slice(0, at) + positions + json.slice(at);
}
