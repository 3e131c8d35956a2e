import { isDecimal } from "@repo/shared-types/decimal";
import type { ErrorFrame, KlineFrame, ParsedFrame } from "./frames";
import { microsToMillis, naiveUtcToSeconds } from "./time";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decimalOrNull(value: unknown): string | null {
  return typeof value === "string" && isDecimal(value) ? value : null;
}

/** A µs timestamp: a safe non-negative integer (JSON numbers; quoted digits tolerated). */
function micros(value: unknown): number | null {
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function integerText(value: unknown): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return null;
}

function malformed(stream: string | null, reason: string): ParsedFrame {
  return { kind: "malformed", stream, reason };
}

/**
 * Parses one Backpack WS text frame. Never throws: anything unexpected becomes a `malformed`
 * frame (counted and skipped by the caller), streams we do not use become `ignored`.
 */
export function parseFrame(raw: string): ParsedFrame {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return malformed(null, "not JSON");
  }
  if (!isObject(message)) return malformed(null, "not a JSON object");
  if ("error" in message && message.error !== undefined && message.error !== null) return parseError(message.error);
  const stream = typeof message.stream === "string" ? message.stream : null;
  // The RS client ignores any frame without `data`; so do we (Backpack sends no acks, but be lenient).
  if (!("data" in message)) return { kind: "ignored", stream: stream ?? "", reason: "no data" };
  const data = message.data;
  if (stream === null) return malformed(null, "data without a stream name");
  if (!isObject(data)) return malformed(stream, "data is not an object");

  const dot = stream.indexOf(".");
  const type = dot === -1 ? stream : stream.slice(0, dot);
  switch (type) {
    case "bookTicker":
      return parseBookTicker(stream, data);
    case "ticker":
      return parseTicker(stream, data);
    case "trade":
      return parseTrade(stream, data);
    case "kline":
      return parseKline(stream, data);
    default:
      return { kind: "ignored", stream, reason: `stream type "${type}" is not used` };
  }
}

function parseError(error: unknown): ErrorFrame {
  if (!isObject(error)) return { kind: "error", code: null, message: String(error) };
  return {
    kind: "error",
    code: typeof error.code === "number" ? error.code : null,
    message: typeof error.message === "string" ? error.message : JSON.stringify(error),
  };
}

function symbolOf(stream: string, data: Json): string | null {
  const s = data.s;
  if (typeof s !== "string" || s.length === 0) return null;
  // The stream name ends with the symbol; a disagreement means the frame is not what it claims.
  return stream.endsWith(`.${s}`) ? s : null;
}

function parseBookTicker(stream: string, data: Json): ParsedFrame {
  const symbol = symbolOf(stream, data);
  const e = micros(data.E);
  const updateId = integerText(data.u);
  if (data.e !== "bookTicker" || symbol === null || e === null || updateId === null) {
    return malformed(stream, "bookTicker without e/s/E/u");
  }
  return {
    kind: "bookTicker",
    symbol,
    bid: decimalOrNull(data.b),
    ask: decimalOrNull(data.a),
    bidQty: decimalOrNull(data.B),
    askQty: decimalOrNull(data.A),
    eventMs: microsToMillis(e),
    updateId,
  };
}

function parseTicker(stream: string, data: Json): ParsedFrame {
  const symbol = symbolOf(stream, data);
  const e = micros(data.E);
  const open = decimalOrNull(data.o);
  const close = decimalOrNull(data.c);
  const high = decimalOrNull(data.h);
  const low = decimalOrNull(data.l);
  const volume = decimalOrNull(data.v);
  const quoteVolume = decimalOrNull(data.V);
  const trades = typeof data.n === "number" && Number.isSafeInteger(data.n) ? data.n : null;
  if (
    data.e !== "ticker" ||
    symbol === null ||
    e === null ||
    open === null ||
    close === null ||
    high === null ||
    low === null ||
    volume === null ||
    quoteVolume === null ||
    trades === null
  ) {
    return malformed(stream, "ticker with a missing or non-decimal field");
  }
  return { kind: "ticker", symbol, eventMs: microsToMillis(e), open, close, high, low, volume, quoteVolume, trades };
}

function parseTrade(stream: string, data: Json): ParsedFrame {
  const symbol = symbolOf(stream, data);
  const e = micros(data.E);
  const price = decimalOrNull(data.p);
  const quantity = decimalOrNull(data.q);
  const tradeId = typeof data.t === "number" && Number.isSafeInteger(data.t) ? data.t : null;
  if (data.e !== "trade" || symbol === null || e === null || price === null || quantity === null || tradeId === null) {
    return malformed(stream, "trade with a missing or non-decimal field");
  }
  return {
    kind: "trade",
    symbol,
    eventMs: microsToMillis(e),
    price,
    quantity,
    tradeId,
    buyerIsMaker: data.m === true,
  };
}

/** null stays null (a minute without trades); any other non-decimal is malformed (undefined). */
function nullableDecimal(value: unknown): string | null | undefined {
  if (value === null) return null;
  const d = decimalOrNull(value);
  return d === null ? undefined : d;
}

function parseKline(stream: string, data: Json): ParsedFrame {
  // kline.<interval>.<symbol>: the interval is only in the stream name.
  const parts = stream.split(".");
  const interval = parts[1];
  const symbol = symbolOf(stream, data);
  const e = micros(data.E);
  const startSec = typeof data.t === "string" ? naiveUtcToSeconds(data.t) : null;
  const endSec = typeof data.T === "string" ? naiveUtcToSeconds(data.T) : null;
  const open = nullableDecimal(data.o);
  const high = nullableDecimal(data.h);
  const low = nullableDecimal(data.l);
  const close = nullableDecimal(data.c);
  const volume = nullableDecimal(data.v);
  const trades = typeof data.n === "number" && Number.isSafeInteger(data.n) ? data.n : null;
  if (
    data.e !== "kline" ||
    interval === undefined ||
    parts.length < 3 ||
    symbol === null ||
    e === null ||
    startSec === null ||
    endSec === null ||
    endSec <= startSec ||
    open === undefined ||
    high === undefined ||
    low === undefined ||
    close === undefined ||
    volume === undefined ||
    trades === null ||
    typeof data.X !== "boolean"
  ) {
    return malformed(stream, "kline with a missing or malformed field");
  }
  const frame: KlineFrame = {
    kind: "kline",
    symbol,
    interval,
    eventMs: microsToMillis(e),
    startSec,
    endSec,
    open,
    high,
    low,
    close,
    volume,
    trades,
    closed: data.X,
  };
  return frame;
}
