import { parseRestKlines, type RestKline } from "../backpack/parse-rest-klines";

export interface FetchKlineHistoryOptions {
  restUrl: string;
  symbol: string;
  /** Inclusive start, unix seconds. */
  fromSec: number;
  /** End, unix seconds. */
  toSec: number;
  fetchImpl?: typeof fetch;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KlineHistory {
  klines: RestKline[];
  pages: number;
  malformed: number;
}

const MAX_PAGES = 50;

/**
 * Fetches 1m klines from `/api/v1/klines` (startTime/endTime in seconds), paging by time because
 * the page-size cap is undocumented: each next page starts one minute after the last row received,
 * until a page is empty, reaches `toSec`, or makes no progress.
 */
export async function fetchKlineHistory(options: FetchKlineHistoryOptions): Promise<KlineHistory> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const byStart = new Map<number, RestKline>();
  let startTime = options.fromSec;
  let pages = 0;
  let malformed = 0;
  while (startTime < options.toSec && pages < MAX_PAGES) {
    const url = new URL("/api/v1/klines", options.restUrl);
    url.searchParams.set("symbol", options.symbol);
    url.searchParams.set("interval", "1m");
    url.searchParams.set("startTime", String(startTime));
    url.searchParams.set("endTime", String(options.toSec));
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 10_000)];
    if (options.signal) signals.push(options.signal);
    const response = await fetchImpl(url, { signal: AbortSignal.any(signals) });
    if (!response.ok) {
      throw new Error(`GET ${url.pathname} ${options.symbol} failed: HTTP ${response.status} ${await response.text()}`);
    }
    const page = parseRestKlines(await response.json());
    pages += 1;
    malformed += page.malformed;
    const last = page.klines.at(-1);
    for (const kline of page.klines) byStart.set(kline.startSec, kline);
    if (last === undefined || last.startSec + 60 <= startTime) break;
    startTime = last.startSec + 60;
  }
  return { klines: [...byStart.values()].sort((a, b) => a.startSec - b.startSec), pages, malformed };
}
