import { secondsToNaiveUtc } from "./naive-utc";
import type { SimMarketSpec } from "./markets";
import { gaussian } from "./seeded-random";
import { formatDecimal } from "@repo/shared-types/decimal";
import { bookTickerFrame, klineFrame, tickerFrame, tradeFrame } from "./wire-frames";

/** A 1m candle in integer units: prices in ticks, volume in quantity steps, quote volume in tick·steps. */
export interface SimCandle {
  start: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number;
  quoteVolume: bigint;
  trades: number;
}

export interface OutFrame {
  stream: string;
  text: string;
}

interface ActivePath {
  from: number;
  to: number;
  startAt: number;
  endAt: number;
  hold: boolean;
  done: () => void;
}

/** Monotonic µs timestamps shared by all markets (E never goes backwards on one connection). */
export class MicroClock {
  private last = 0;
  constructor(private readonly random: () => number) {}
  next(nowMs: number): number {
    const candidate = nowMs * 1000 + Math.floor(this.random() * 1000);
    this.last = Math.max(this.last + 1, candidate);
    return this.last;
  }
}

const DAY_SECONDS = 86_400;
/** Relative price move per swept trade, and the most trades one sweep prints. */
const SWEEP_TRADE_EVERY = 0.0025;
const SWEEP_MAX_TRADES = 32;

/**
 * One simulated market: a seeded random walk of a fair price in ticks, a quote around it with a
 * realistic spread, trades at the touch, 1m candles (a seeded history that ends at the live price,
 * then the live candle built from the trades) and Backpack-format frames for all of it.
 */
export class SimMarket {
  readonly spec: SimMarketSpec;
  private fair: number;
  private bid: number;
  private ask: number;
  private bidQty: number;
  private askQty: number;
  private last: number;
  private held = false;
  private path: ActivePath | null = null;
  private readonly history: SimCandle[] = [];
  private live: SimCandle;
  private klineDirty = false;
  private updateId: number;
  private tradeId: number;
  private orderId: bigint;
  private readonly tickScale: number;
  private readonly stepScale: number;

  constructor(
    spec: SimMarketSpec,
    private readonly random: () => number,
    private readonly micros: MicroClock,
    nowMs: number,
    historyMinutes: number,
  ) {
    this.spec = spec;
    this.tickScale = 10 ** spec.priceDecimals;
    this.stepScale = 10 ** spec.quantityDecimals;
    this.fair = spec.referencePrice * (0.95 + random() * 0.1) * this.tickScale;
    const spread = this.randomSpread();
    this.bid = Math.max(1, Math.round(this.fair - spread / 2));
    this.ask = this.bid + spread;
    this.last = this.bid;
    this.bidQty = this.randomBookQty();
    this.askQty = this.randomBookQty();
    this.updateId = 4_000_000_000 + Math.floor(random() * 300_000_000);
    this.tradeId = 300_000_000 + Math.floor(random() * 80_000_000);
    this.orderId = 113_782_700_000_000_000n + BigInt(Math.floor(random() * 1e9));
    const minute = Math.floor(nowMs / 60_000) * 60;
    this.generateHistory(minute, historyMinutes);
    this.live = this.emptyCandle(minute);
  }

  get symbol(): string {
    return this.spec.symbol;
  }

  // ---------- live simulation ----------

  /** Advances the market by one scheduler tick and returns the frames it produced. */
  step(nowMs: number, dtMs: number): OutFrame[] {
    const frames: OutFrame[] = [];
    frames.push(...this.rollMinute(nowMs));
    const before = { bid: this.bid, ask: this.ask };
    if (this.path) {
      this.followPath(nowMs, frames);
      return frames;
    }
    if (!this.held) {
      const sigma = this.spec.volatilityPerSqrtSecond * Math.sqrt(dtMs / 1000);
      this.fair = Math.max(this.tickScale * 0.01, this.fair * Math.exp(sigma * gaussian(this.random)));
      const spread = this.random() < 0.1 ? this.randomSpread() : this.ask - this.bid;
      this.bid = Math.max(1, Math.round(this.fair - spread / 2));
      this.ask = this.bid + Math.max(1, spread);
    }
    const moved = before.bid !== this.bid || before.ask !== this.ask;
    // The real feed sends bookTicker on every top-of-book change, sizes included (~10/s on SOL).
    if (moved || this.random() < 0.5) {
      if (this.random() < 0.5) this.bidQty = this.randomBookQty();
      else this.askQty = this.randomBookQty();
      frames.push(this.bookTicker(nowMs));
    }
    if (this.random() < 0.15 * (dtMs / 100)) frames.push(this.trade(nowMs, this.random() < 0.5 ? "sell" : "buy"));
    return frames;
  }

  /** Ticker frame (the scheduler sends one about every second, changed or not, like Backpack). */
  tickerFrame(nowMs: number): OutFrame {
    const t = this.ticker24h(nowMs);
    const d = this.spec.priceDecimals;
    const text = tickerFrame({
      E: this.micros.next(nowMs),
      quoteVolume: formatDecimal(BigInt(t.quoteVolume), d + this.spec.quantityDecimals, { trimZeros: true }),
      close: formatDecimal(BigInt(t.close), d),
      high: formatDecimal(BigInt(t.high), d),
      low: formatDecimal(BigInt(t.low), d),
      trades: t.trades,
      open: formatDecimal(BigInt(t.open), d),
      symbol: this.symbol,
      volume: formatDecimal(BigInt(t.volume), this.spec.quantityDecimals, { trimZeros: true }),
    });
    return { stream: `ticker.${this.symbol}`, text };
  }

  /** The live candle's kline frame if it changed since the last one (Backpack: at most 1/s). */
  klineUpdate(nowMs: number): OutFrame | null {
    if (!this.klineDirty) return null;
    this.klineDirty = false;
    return this.klineFrameOf(this.live, false, nowMs);
  }

  /** Sets the quote exactly, trading through to `last` (default the bid); holds it unless `hold` is false. */
  setQuote(nowMs: number, bid: number, ask: number, options: { last?: number; hold?: boolean } = {}): OutFrame[] {
    this.cancelPath();
    this.bid = bid;
    this.ask = ask;
    this.fair = (bid + ask) / 2;
    this.held = options.hold ?? true;
    const frames = [...this.rollMinute(nowMs), this.bookTicker(nowMs)];
    const last = options.last ?? bid;
    // A jump prints through the levels in between, like a market order sweeping the book.
    const side = last > this.last || (last === this.last && last >= ask) ? "buy" : "sell";
    frames.push(...this.sweep(nowMs, side, this.last, last));
    return frames;
  }

  /** Moves the mid linearly to `to` (ticks) over `durationMs`; resolves when it arrives. */
  playPath(nowMs: number, to: number, durationMs: number, hold: boolean): Promise<void> {
    this.cancelPath();
    return new Promise((resolve) => {
      this.path = { from: (this.bid + this.ask) / 2, to, startAt: nowMs, endAt: nowMs + Math.max(1, durationMs), hold, done: resolve };
    });
  }

  /** Ends a hold or a path: the random walk continues from the current quote. */
  resume(): void {
    this.cancelPath();
    this.held = false;
    this.fair = (this.bid + this.ask) / 2;
  }

  snapshot(): { bid: string; ask: string; last: string; held: boolean; pathActive: boolean } {
    const d = this.spec.priceDecimals;
    return { bid: formatDecimal(BigInt(this.bid), d), ask: formatDecimal(BigInt(this.ask), d), last: formatDecimal(BigInt(this.last), d), held: this.held, pathActive: this.path !== null };
  }

  quoteTicks(): { bid: number; ask: number } {
    return { bid: this.bid, ask: this.ask };
  }

  // ---------- candles and REST ----------

  /** Closed candles plus the live one with `fromSec ≤ start < toSec`, ascending. */
  candlesBetween(fromSec: number, toSec: number): SimCandle[] {
    const all = [...this.history, this.live];
    return all.filter((c) => c.start >= fromSec && c.start < toSec);
  }

  ticker24h(nowMs: number): { open: number; high: number; low: number; close: number; volume: number; quoteVolume: bigint; trades: number } {
    const from = Math.floor(nowMs / 1000) - DAY_SECONDS;
    let open: number | null = null;
    let high = this.last;
    let low = this.last;
    let volume = 0;
    let quoteVolume = 0n;
    let trades = 0;
    for (const c of [...this.history, this.live]) {
      if (c.start < from) continue;
      if (open === null && c.open !== null) open = c.open;
      if (c.high !== null) high = Math.max(high, c.high);
      if (c.low !== null) low = Math.min(low, c.low);
      volume += c.volume;
      quoteVolume += c.quoteVolume;
      trades += c.trades;
    }
    return { open: open ?? this.last, high, low, close: this.last, volume, quoteVolume, trades };
  }

  // ---------- internals ----------

  private cancelPath(): void {
    const path = this.path;
    this.path = null;
    path?.done();
  }

  private followPath(nowMs: number, frames: OutFrame[]): void {
    const path = this.path;
    if (!path) return;
    const progress = Math.min(1, (nowMs - path.startAt) / (path.endAt - path.startAt));
    const mid = path.from + (path.to - path.from) * progress;
    const spread = Math.max(1, this.ask - this.bid);
    const side = path.to < path.from ? "sell" : "buy";
    const touchBefore = side === "sell" ? this.bid : this.ask;
    this.bid = Math.max(1, Math.round(mid - spread / 2));
    this.ask = this.bid + spread;
    this.fair = mid;
    frames.push(this.bookTicker(nowMs));
    // Trades follow the move: sells sweep the bids on the way down, buys the asks on the way up,
    // ending at the new touch, so candles and the ticker reach the path's extreme exactly.
    frames.push(...this.sweep(nowMs, side, touchBefore, side === "sell" ? this.bid : this.ask));
    if (progress >= 1) {
      this.path = null;
      this.held = path.hold;
      path.done();
    }
  }

  private rollMinute(nowMs: number): OutFrame[] {
    const minute = Math.floor(nowMs / 60_000) * 60;
    if (minute <= this.live.start) return [];
    const closed = this.live;
    this.history.push(closed);
    const frames = [this.klineFrameOf(closed, true, nowMs)];
    this.live = this.emptyCandle(minute);
    this.klineDirty = false;
    // Bounded memory: keep 3 days.
    while (this.history.length > 3 * 1_440) this.history.shift();
    return frames;
  }

  private bookTicker(nowMs: number): OutFrame {
    const d = this.spec.priceDecimals;
    const E = this.micros.next(nowMs);
    this.updateId += 1 + Math.floor(this.random() * 3);
    const text = bookTickerFrame({
      askQty: formatDecimal(BigInt(this.askQty), this.spec.quantityDecimals),
      bidQty: formatDecimal(BigInt(this.bidQty), this.spec.quantityDecimals),
      E,
      T: E - 200 - Math.floor(this.random() * 1_200),
      ask: formatDecimal(BigInt(this.ask), d),
      bid: formatDecimal(BigInt(this.bid), d),
      symbol: this.symbol,
      u: this.updateId,
    });
    return { stream: `bookTicker.${this.symbol}`, text };
  }

  /**
   * Trades from `from` (exclusive) to `to` (inclusive, always printed): one per ~0.25 % of price
   * moved (at most 32 per call, for a late tick), so a 60 % crash over 2 s prints ~240 trades.
   */
  private sweep(nowMs: number, side: "buy" | "sell", from: number, to: number): OutFrame[] {
    const moved = Math.abs(to - from);
    const count = Math.min(SWEEP_MAX_TRADES, Math.max(1, Math.ceil(moved / Math.max(1, to * SWEEP_TRADE_EVERY))));
    const frames: OutFrame[] = [];
    for (let i = 1; i <= count; i += 1) frames.push(this.trade(nowMs, side, i === count ? to : Math.round(from + ((to - from) * i) / count)));
    return frames;
  }

  private trade(nowMs: number, side: "buy" | "sell", price?: number): OutFrame {
    const p = price ?? (side === "sell" ? this.bid : this.ask);
    const qty = Math.max(1, Math.round(this.spec.tradeSize * -Math.log(Math.max(this.random(), 1e-9)) * this.stepScale));
    this.last = p;
    this.tradeId += 1;
    this.orderId += BigInt(1 + Math.floor(this.random() * 5_000_000));
    const taker = this.orderId;
    const maker = this.orderId - BigInt(1 + Math.floor(this.random() * 900_000_000));
    const c = this.live;
    c.open ??= p;
    c.high = Math.max(c.high ?? p, p);
    c.low = Math.min(c.low ?? p, p);
    c.close = p;
    c.volume += qty;
    c.quoteVolume += BigInt(p) * BigInt(qty);
    c.trades += 1;
    this.klineDirty = true;
    const E = this.micros.next(nowMs);
    const text = tradeFrame({
      E,
      T: Math.floor(E / 1000) * 1000 - 1_000,
      // A sell taker hits a resting buy: the buyer is the maker.
      sellerOrderId: String(side === "sell" ? taker : maker),
      buyerOrderId: String(side === "sell" ? maker : taker),
      buyerIsMaker: side === "sell",
      price: formatDecimal(BigInt(p), this.spec.priceDecimals),
      quantity: formatDecimal(BigInt(qty), this.spec.quantityDecimals),
      symbol: this.symbol,
      tradeId: this.tradeId,
    });
    return { stream: `trade.${this.symbol}`, text };
  }

  private klineFrameOf(c: SimCandle, closed: boolean, nowMs: number): OutFrame {
    const d = this.spec.priceDecimals;
    const price = (v: number | null): string | null => (v === null ? null : formatDecimal(BigInt(v), d));
    const text = klineFrame({
      E: this.micros.next(nowMs),
      symbol: this.symbol,
      end: secondsToNaiveUtc(c.start + 60, "T"),
      closed,
      close: price(c.close),
      high: price(c.high),
      low: price(c.low),
      trades: c.trades,
      open: price(c.open),
      start: secondsToNaiveUtc(c.start, "T"),
      // Like the live feed: a candle without trades has null volume too.
      volume: c.trades === 0 ? null : formatDecimal(BigInt(c.volume), this.spec.quantityDecimals, { trimZeros: true }),
    });
    return { stream: `kline.1m.${this.symbol}`, text };
  }

  private emptyCandle(start: number): SimCandle {
    return { start, open: null, high: null, low: null, close: null, volume: 0, quoteVolume: 0n, trades: 0 };
  }

  private randomSpread(): number {
    const [min, max] = this.spec.spreadTicks;
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private randomBookQty(): number {
    return Math.max(1, Math.round(this.spec.tradeSize * (2 + this.random() * 60) * this.stepScale));
  }

  /**
   * Seeded history that ends where the live price starts: closes are walked backwards from the
   * current price, then candles are built forwards (open = previous close), so the chart joins the
   * live candle without a gap.
   */
  private generateHistory(currentMinute: number, minutes: number): void {
    const sigmaMinute = this.spec.volatilityPerSqrtSecond * Math.sqrt(60);
    const closes: number[] = new Array<number>(minutes);
    let price = this.last;
    for (let i = minutes - 1; i >= 0; i -= 1) {
      closes[i] = Math.max(1, Math.round(price));
      price = Math.max(1, price * Math.exp(-sigmaMinute * gaussian(this.random)));
    }
    let previousClose = Math.max(1, Math.round(price));
    for (let i = 0; i < minutes; i += 1) {
      const start = currentMinute - (minutes - i) * 60;
      const close = closes[i] ?? previousClose;
      // About one quiet minute in 200 has no trades: null prices, like Backpack.
      if (this.random() < 0.005) {
        this.history.push(this.emptyCandle(start));
        continue;
      }
      const open = previousClose;
      const wick = () => Math.abs(gaussian(this.random)) * sigmaMinute * 0.5 * close;
      const high = Math.max(open, close) + Math.round(wick());
      const low = Math.max(1, Math.min(open, close) - Math.round(wick()));
      const trades = 5 + Math.floor(this.random() * 80);
      const volume = Math.max(1, Math.round(trades * this.spec.tradeSize * (0.3 + this.random() * 1.4) * this.stepScale));
      this.history.push({ start, open, high, low, close, volume, quoteVolume: BigInt(volume) * BigInt(close), trades });
      previousClose = close;
    }
  }
}
