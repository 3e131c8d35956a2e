import { IndexedTriggerFinder } from "./indexed-trigger-finder";
import {
  formatPrice,
  formatUsd,
  parsePrice,
  parseQty,
  parseUsd,
  qtyFromUnits,
  usdFromCents,
  type Price,
  type Qty,
  type Usd,
} from "./money";
import { openRecordOf, type OpenRecord } from "./open-record";
import {
  closingPrice,
  liquidationPriceOf,
  openingPrice,
  parseSlippagePct,
  pnlAt,
  quantityFor,
  withinSlippage,
} from "./position-math";
import { ScanTriggerFinder } from "./scan-trigger-finder";
import {
  accountSnapshotOf,
  closedSnapshotOf,
  positionSnapshotOf,
  type EngineSnapshot,
  type PositionSnapshot,
  type QuoteSnapshot,
} from "./snapshot";
import { StateHashSum } from "./state-hash";
import { accountRowHash, closedRowHash, openRowHash } from "./state-rows";
import type { TriggerFinder } from "./trigger-finder";
import type {
  Account,
  AccountSummary,
  ApplyQuoteCommand,
  ApplyQuoteValue,
  ClosedPosition,
  ClosePositionCommand,
  ClosePositionValue,
  CloseReason,
  CreateAccountCommand,
  CreateAccountValue,
  EngineCommand,
  EngineConfig,
  EngineEvent,
  ExecuteOutput,
  MarketConfig,
  OpenPositionCommand,
  OpenPositionValue,
  Position,
  PositionMark,
  Quote,
  RejectCode,
  Rejection,
  Result,
} from "./types";

export type * from "./types";
export type { EngineSnapshot } from "./snapshot";
export { liquidationPriceOf } from "./position-math";

/** Which trigger finder a tick uses: the per-market price-ordered index, or the naive scan (oracle/bench). */
export type TriggerIndexKind = "indexed" | "scan";

export interface EngineOptions {
  triggerIndex?: TriggerIndexKind;
}

/** The trading core: commands in, results and events out; queries read the current state. */
export interface Engine {
  execute<C extends EngineCommand>(command: C): ExecuteOutput<C>;
  getAccount(accountId: string): Account | null;
  getOpenPositions(accountId: string): Position[];
  /** An open position, or a closed one kept for clientOrderId replay; null otherwise. */
  getPosition(positionId: string): Position | ClosedPosition | null;
  accountSummary(accountId: string): AccountSummary | null;
  markPosition(position: Position): PositionMark;
  getQuote(symbol: string): Quote | null;
  /** True when the symbol has no quote or its quote was received more than priceStaleMs before `at`. */
  isStale(symbol: string, at: number): boolean;
  openPositionCount(): number;
  /** Every account id, in creation order. */
  listAccountIds(): string[];
  snapshot(): EngineSnapshot;
  /**
   * 16 hex digits identifying the ledger state: the sum mod 2^64 of a 64-bit hash of each
   * account, open position and retained closed position (quotes excluded), so two engines holding
   * the same state agree whatever order they got there in. Maintained on every change: O(1).
   */
  stateHash(): string;
  /** The same hash recomputed from every row, O(state): the check that the maintained one is right. */
  recomputeStateHash(): string;
}

/** Builds an empty engine (no accounts, no quotes). */
export function createEngine(config: EngineConfig, options: EngineOptions = {}): Engine {
  return new TradingEngine(config, options);
}

/**
 * Rebuilds an engine from a snapshot, or from database rows shaped like one. Throws (a bug or
 * corrupt data, not a business rejection) on unknown symbols, accounts or malformed amounts.
 */
export function restoreEngine(
  config: EngineConfig,
  snapshot: EngineSnapshot,
  options: EngineOptions = {},
): Engine {
  const engine = new TradingEngine(config, options);
  engine.load(snapshot);
  return engine;
}

const DEFAULT_SLIPPAGE_PCT = "1";

interface AccountState {
  readonly accountId: string;
  usd: Usd;
  sol: Qty;
  deposits: Usd;
  realizedPnl: Usd;
  readonly createdAt: number;
  /** This account's row hash in the state hash (0/0 before the first); see rehashAccount. */
  hashHi: number;
  hashLo: number;
  readonly open: Map<string, OpenRecord>;
  /** clientOrderId → positionId, for open and closed positions alike. */
  readonly clientOrders: Map<string, string>;
}

interface MarketState {
  readonly config: MarketConfig;
  quote: Quote | null;
  readonly finder: TriggerFinder;
}

function reject(code: RejectCode, message: string): Rejection {
  return { ok: false, code, message };
}

/** Orders closes within one tick canonically, so both finders and a restored engine emit the same events. */
function byOpenOrder(a: OpenRecord, b: OpenRecord): number {
  const pa = a.position;
  const pb = b.position;
  if (pa.openedAt !== pb.openedAt) return pa.openedAt - pb.openedAt;
  return pa.positionId < pb.positionId ? -1 : pa.positionId > pb.positionId ? 1 : 0;
}

class TradingEngine implements Engine {
  private readonly accounts = new Map<string, AccountState>();
  private readonly open = new Map<string, OpenRecord>();
  /** Closed positions that carry a clientOrderId, kept so a repeat can return the original. */
  private readonly closedReplays = new Map<string, ClosedPosition>();
  private readonly markets = new Map<string, MarketState>();
  /** The state hash, maintained by insertOpen, settle, retainClosed and rehashAccount. */
  private readonly hashSum = new StateHashSum();

  constructor(
    private readonly config: EngineConfig,
    options: EngineOptions,
  ) {
    for (const market of config.markets) {
      const finder =
        options.triggerIndex === "scan" ? new ScanTriggerFinder() : new IndexedTriggerFinder();
      this.markets.set(market.symbol, { config: market, quote: null, finder });
    }
  }

  execute<C extends EngineCommand>(command: C): ExecuteOutput<C> {
    const events: EngineEvent[] = [];
    const changed = new Set<string>();
    let result: Result<
      CreateAccountValue | OpenPositionValue | ClosePositionValue | ApplyQuoteValue
    >;
    switch (command.type) {
      case "createAccount":
        result = this.createAccount(command, changed);
        break;
      case "openPosition":
        result = this.openPosition(command, events, changed);
        break;
      case "closePosition":
        result = this.closePosition(command, events, changed);
        break;
      case "applyQuote":
        result = this.applyQuote(command, events, changed);
        break;
      default:
        result = reject("INVALID_REQUEST", "unknown command");
    }
    // `changed` lists every account whose ledger fields this command wrote (the accountChanged
    // contract), so refreshing their row hashes here keeps the state hash exact, once per account.
    for (const accountId of changed) {
      const account = this.accounts.get(accountId);
      if (account !== undefined) this.rehashAccount(account);
      events.push({ type: "accountChanged", accountId });
    }
    // The switch pairs each command type with its own value type; TS cannot follow that through C.
    return { result, events } as ExecuteOutput<C>;
  }

  // ---- commands ----

  private createAccount(
    command: CreateAccountCommand,
    changed: Set<string>,
  ): Result<CreateAccountValue> {
    if (command.accountId.length === 0) return reject("INVALID_REQUEST", "accountId is empty");
    const existing = this.accounts.get(command.accountId);
    if (existing !== undefined)
      return { ok: true, value: { account: accountView(existing), created: false } };
    const account: AccountState = {
      accountId: command.accountId,
      usd: this.config.initialDepositUsd,
      sol: qtyFromUnits(0n),
      deposits: this.config.initialDepositUsd,
      realizedPnl: usdFromCents(0n),
      createdAt: command.at,
      hashHi: 0,
      hashLo: 0,
      open: new Map(),
      clientOrders: new Map(),
    };
    this.accounts.set(account.accountId, account);
    changed.add(account.accountId);
    return { ok: true, value: { account: accountView(account), created: true } };
  }

  private openPosition(
    command: OpenPositionCommand,
    events: EngineEvent[],
    changed: Set<string>,
  ): Result<OpenPositionValue> {
    const account = this.accounts.get(command.accountId);
    if (account === undefined) return reject("NOT_FOUND", "account not found");
    const clientOrderId = command.clientOrderId ?? null;
    if (clientOrderId !== null) {
      const originalId = account.clientOrders.get(clientOrderId);
      if (originalId !== undefined) {
        const original = this.open.get(originalId)?.position ?? this.closedReplays.get(originalId);
        if (original !== undefined)
          return { ok: true, value: { replayed: true, position: original } };
      }
    }
    if (this.open.has(command.positionId) || this.closedReplays.has(command.positionId)) {
      return reject("INVALID_REQUEST", "positionId already used");
    }
    const market = this.markets.get(command.symbol);
    if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
    const { leverage, margin, side } = command;
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > market.config.maxLeverage) {
      return reject(
        "INVALID_REQUEST",
        `leverage must be an integer in 1..${market.config.maxLeverage}`,
      );
    }
    if (margin <= 0n) return reject("INVALID_REQUEST", "margin must be positive");
    const slippage = parseSlippagePct(command.slippagePct ?? DEFAULT_SLIPPAGE_PCT);
    if (slippage === null)
      return reject("INVALID_REQUEST", "slippage must be a decimal percent in 0..100");
    const quote = this.freshQuote(market, command.at);
    if (quote === null) return reject("PRICE_UNAVAILABLE", `no fresh price for ${command.symbol}`);
    if (margin > account.usd) return reject("INSUFFICIENT_FUNDS", "margin exceeds the USD balance");

    const entry = openingPrice(side, quote.bid, quote.ask);
    if (
      command.currentPrice !== undefined &&
      !withinSlippage(entry, command.currentPrice, slippage)
    ) {
      return reject(
        "SLIPPAGE_EXCEEDED",
        `execution price ${formatPrice(entry)} is beyond the slippage bound`,
      );
    }
    const quantity = quantityFor(margin, leverage, entry);
    if (quantity <= 0n) return reject("INVALID_REQUEST", "quantity rounds to zero at this price");
    const liquidationPrice = liquidationPriceOf(side, entry, margin, quantity);
    const exit = closingPrice(side, quote.bid, quote.ask);
    // The spread alone would already liquidate it: the margin cannot carry this leverage here.
    if (side === "long" ? exit <= liquidationPrice : exit >= liquidationPrice) {
      return reject("INSUFFICIENT_FUNDS", "margin does not cover the spread at this leverage");
    }
    const stopLoss = command.stopLoss ?? null;
    const takeProfit = command.takeProfit ?? null;
    const stopsError = validateStops(side, entry, exit, liquidationPrice, stopLoss, takeProfit);
    if (stopsError !== null) return reject("INVALID_STOPS", stopsError);

    const position: Position = {
      positionId: command.positionId,
      accountId: account.accountId,
      symbol: market.config.symbol,
      asset: market.config.asset,
      side,
      margin,
      leverage,
      entryPrice: entry,
      quantity,
      liquidationPrice,
      stopLoss,
      takeProfit,
      openedAt: command.at,
      clientOrderId,
    };
    account.usd = usdFromCents(account.usd - margin);
    this.insertOpen(account, market, position);
    events.push({ type: "positionOpened", position });
    changed.add(account.accountId);
    return { ok: true, value: { replayed: false, position } };
  }

  private closePosition(
    command: ClosePositionCommand,
    events: EngineEvent[],
    changed: Set<string>,
  ): Result<ClosePositionValue> {
    const account = this.accounts.get(command.accountId);
    if (account === undefined) return reject("NOT_FOUND", "account not found");
    const record = account.open.get(command.positionId);
    if (record === undefined) return reject("POSITION_NOT_FOUND", "no such open position");
    const slippage = parseSlippagePct(command.slippagePct ?? DEFAULT_SLIPPAGE_PCT);
    if (slippage === null)
      return reject("INVALID_REQUEST", "slippage must be a decimal percent in 0..100");
    const market = this.markets.get(record.position.symbol);
    const quote = market === undefined ? null : this.freshQuote(market, command.at);
    if (market === undefined || quote === null) {
      return reject("PRICE_UNAVAILABLE", `no fresh price for ${record.position.symbol}`);
    }
    const price = closingPrice(record.position.side, quote.bid, quote.ask);
    if (
      command.currentPrice !== undefined &&
      !withinSlippage(price, command.currentPrice, slippage)
    ) {
      return reject(
        "SLIPPAGE_EXCEEDED",
        `execution price ${formatPrice(price)} is beyond the slippage bound`,
      );
    }
    market.finder.remove(record);
    const closed = this.settle(account, record, price, "manual", command.at, events);
    changed.add(account.accountId);
    return { ok: true, value: { position: closed } };
  }

  private applyQuote(
    command: ApplyQuoteCommand,
    events: EngineEvent[],
    changed: Set<string>,
  ): Result<ApplyQuoteValue> {
    const market = this.markets.get(command.symbol);
    if (market === undefined) return reject("INVALID_REQUEST", `unknown symbol ${command.symbol}`);
    const { bid, ask, price } = command;
    if (bid <= 0n || ask < bid || price <= 0n)
      return reject("INVALID_REQUEST", "need 0 < bid ≤ ask and price > 0");
    // At-least-once delivery can replay an older quote; acting on it would move prices backwards.
    if (market.quote !== null && command.timestamp < market.quote.timestamp) {
      return { ok: true, value: { applied: false, closed: [] } };
    }
    market.quote = {
      symbol: command.symbol,
      bid,
      ask,
      price,
      timestamp: command.timestamp,
      receivedAt: command.at,
    };
    const triggered = market.finder.take(bid, ask);
    if (triggered.length > 1) triggered.sort(byOpenOrder);
    const closed: ClosedPosition[] = [];
    for (const record of triggered) {
      const position = record.position;
      const account = this.accounts.get(position.accountId);
      if (account === undefined)
        throw new Error(`engine-core: position ${position.positionId} has no account`);
      const fill = closingPrice(position.side, bid, ask);
      closed.push(
        this.settle(account, record, fill, triggerReason(position, fill), command.at, events),
      );
      changed.add(account.accountId);
    }
    return { ok: true, value: { applied: true, closed } };
  }

  // ---- state transitions ----

  private insertOpen(account: AccountState, market: MarketState, position: Position): void {
    const record = openRecordOf(position, openRowHash(position));
    this.hashSum.add(record.hashHi, record.hashLo);
    this.open.set(position.positionId, record);
    account.open.set(position.positionId, record);
    if (position.clientOrderId !== null)
      account.clientOrders.set(position.clientOrderId, position.positionId);
    market.finder.add(record);
  }

  /** Closes a record already removed from its finder: credits margin + capped PnL to the balance. */
  private settle(
    account: AccountState,
    record: OpenRecord,
    price: Price,
    reason: CloseReason,
    at: number,
    events: EngineEvent[],
  ): ClosedPosition {
    const position = record.position;
    const realizedPnl = pnlAt(
      position.side,
      position.entryPrice,
      position.margin,
      position.quantity,
      price,
    );
    account.usd = usdFromCents(account.usd + position.margin + realizedPnl);
    account.realizedPnl = usdFromCents(account.realizedPnl + realizedPnl);
    account.open.delete(position.positionId);
    this.open.delete(position.positionId);
    this.hashSum.remove(record.hashHi, record.hashLo);
    const closed = closedPositionOf(position, price, realizedPnl, at, reason);
    if (position.clientOrderId !== null) this.retainClosed(closed);
    events.push({ type: "positionClosed", position: closed, reason });
    return closed;
  }

  /** Keeps a closed position for clientOrderId replay (it is then part of the state hash). */
  private retainClosed(closed: ClosedPosition): void {
    this.closedReplays.set(closed.positionId, closed);
    const hash = closedRowHash(closed);
    this.hashSum.add(hash.hi, hash.lo);
  }

  /** Replaces an account's row hash in the state hash after its ledger fields changed. */
  private rehashAccount(account: AccountState): void {
    this.hashSum.remove(account.hashHi, account.hashLo);
    const hash = accountRowHash(account);
    account.hashHi = hash.hi;
    account.hashLo = hash.lo;
    this.hashSum.add(hash.hi, hash.lo);
  }

  private freshQuote(market: MarketState, at: number): Quote | null {
    const quote = market.quote;
    if (quote === null || at - quote.receivedAt > this.config.priceStaleMs) return null;
    return quote;
  }

  // ---- queries ----

  getAccount(accountId: string): Account | null {
    const account = this.accounts.get(accountId);
    return account === undefined ? null : accountView(account);
  }

  getOpenPositions(accountId: string): Position[] {
    const account = this.accounts.get(accountId);
    if (account === undefined) return [];
    return [...account.open.values()].map((record) => record.position);
  }

  getPosition(positionId: string): Position | ClosedPosition | null {
    return this.open.get(positionId)?.position ?? this.closedReplays.get(positionId) ?? null;
  }

  accountSummary(accountId: string): AccountSummary | null {
    const account = this.accounts.get(accountId);
    if (account === undefined) return null;
    let usedMargin = 0n;
    let unrealized = 0n;
    for (const record of account.open.values()) {
      usedMargin += record.position.margin;
      unrealized += this.markPosition(record.position).unrealizedPnl;
    }
    const equity = account.usd + usedMargin + unrealized;
    const marginLevelBp = usedMargin === 0n ? null : (equity * 10_000n) / usedMargin;
    return {
      balance: account.usd,
      equity: usdFromCents(equity),
      usedMargin: usdFromCents(usedMargin),
      freeMargin: usdFromCents(equity - usedMargin),
      marginLevelBp,
      // Basis points of a percent happen to be cents of a percent: reuse the 2-dp formatter.
      marginLevel: marginLevelBp === null ? null : formatUsd(usdFromCents(marginLevelBp)),
    };
  }

  markPosition(position: Position): PositionMark {
    const quote = this.markets.get(position.symbol)?.quote ?? null;
    if (quote === null) return { currentPrice: null, unrealizedPnl: usdFromCents(0n) };
    const price = closingPrice(position.side, quote.bid, quote.ask);
    return {
      currentPrice: price,
      unrealizedPnl: pnlAt(
        position.side,
        position.entryPrice,
        position.margin,
        position.quantity,
        price,
      ),
    };
  }

  getQuote(symbol: string): Quote | null {
    return this.markets.get(symbol)?.quote ?? null;
  }

  isStale(symbol: string, at: number): boolean {
    const market = this.markets.get(symbol);
    return market === undefined || this.freshQuote(market, at) === null;
  }

  openPositionCount(): number {
    return this.open.size;
  }

  listAccountIds(): string[] {
    return [...this.accounts.keys()];
  }

  // ---- snapshot, restore, hash ----

  snapshot(): EngineSnapshot {
    const quotes: QuoteSnapshot[] = [];
    for (const market of this.markets.values()) {
      const q = market.quote;
      if (q === null) continue;
      quotes.push({
        symbol: q.symbol,
        bid: formatPrice(q.bid),
        ask: formatPrice(q.ask),
        price: formatPrice(q.price),
        timestamp: q.timestamp,
        receivedAt: q.receivedAt,
      });
    }
    return {
      version: 1,
      accounts: [...this.accounts.values()].map((a) => accountSnapshotOf(accountView(a))),
      openPositions: [...this.open.values()].map((r) => positionSnapshotOf(r.position)),
      closedPositions: [...this.closedReplays.values()].map(closedSnapshotOf),
      quotes,
    };
  }

  /** Loads a snapshot into this (empty) engine. */
  load(snapshot: EngineSnapshot): void {
    if (snapshot.version !== 1)
      throw new Error(`engine-core: unknown snapshot version ${String(snapshot.version)}`);
    for (const a of snapshot.accounts) {
      if (this.accounts.has(a.accountId))
        throw new Error(`engine-core: duplicate account ${a.accountId}`);
      this.accounts.set(a.accountId, {
        accountId: a.accountId,
        usd: parseUsd(a.usd),
        sol: parseQty(a.sol),
        deposits: parseUsd(a.deposits),
        realizedPnl: parseUsd(a.realizedPnl),
        createdAt: a.createdAt,
        hashHi: 0,
        hashLo: 0,
        open: new Map(),
        clientOrders: new Map(),
      });
    }
    for (const row of snapshot.openPositions) {
      const position = this.positionFromSnapshot(row);
      if (this.open.has(position.positionId))
        throw new Error(`engine-core: duplicate position ${position.positionId}`);
      const account = this.accounts.get(position.accountId);
      const market = this.markets.get(position.symbol);
      if (account === undefined || market === undefined)
        throw new Error("engine-core: checked by positionFromSnapshot");
      this.insertOpen(account, market, position);
    }
    for (const row of snapshot.closedPositions) {
      const position = this.positionFromSnapshot(row);
      const closed = closedPositionOf(
        position,
        parsePrice(row.closePrice),
        parseUsd(row.realizedPnl),
        row.closedAt,
        row.reason,
      );
      // Only clientOrderId replays are kept; other closed rows are history the service owns.
      if (closed.clientOrderId === null) continue;
      if (this.open.has(closed.positionId) || this.closedReplays.has(closed.positionId))
        throw new Error(`engine-core: duplicate position ${closed.positionId}`);
      this.retainClosed(closed);
      this.accounts
        .get(closed.accountId)
        ?.clientOrders.set(closed.clientOrderId, closed.positionId);
    }
    for (const account of this.accounts.values()) this.rehashAccount(account);
    for (const q of snapshot.quotes ?? []) {
      const market = this.markets.get(q.symbol);
      if (market === undefined) continue;
      market.quote = {
        symbol: q.symbol,
        bid: parsePrice(q.bid),
        ask: parsePrice(q.ask),
        price: parsePrice(q.price),
        timestamp: q.timestamp,
        receivedAt: q.receivedAt,
      };
    }
  }

  private positionFromSnapshot(row: PositionSnapshot): Position {
    const market = this.markets.get(row.symbol);
    if (market === undefined)
      throw new Error(`engine-core: unknown symbol ${row.symbol} in snapshot`);
    if (!this.accounts.has(row.accountId)) {
      throw new Error(
        `engine-core: position ${row.positionId} refers to unknown account ${row.accountId}`,
      );
    }
    return {
      positionId: row.positionId,
      accountId: row.accountId,
      symbol: row.symbol,
      asset: market.config.asset,
      side: row.side,
      margin: parseUsd(row.margin),
      leverage: row.leverage,
      entryPrice: parsePrice(row.entryPrice),
      quantity: parseQty(row.quantity),
      liquidationPrice: parsePrice(row.liquidationPrice),
      stopLoss: row.stopLoss === null ? null : parsePrice(row.stopLoss),
      takeProfit: row.takeProfit === null ? null : parsePrice(row.takeProfit),
      openedAt: row.openedAt,
      clientOrderId: row.clientOrderId,
    };
  }

  stateHash(): string {
    return this.hashSum.digest();
  }

  recomputeStateHash(): string {
    const sum = new StateHashSum();
    for (const account of this.accounts.values()) {
      const hash = accountRowHash(account);
      sum.add(hash.hi, hash.lo);
    }
    for (const record of this.open.values()) {
      const hash = openRowHash(record.position);
      sum.add(hash.hi, hash.lo);
    }
    for (const closed of this.closedReplays.values()) {
      const hash = closedRowHash(closed);
      sum.add(hash.hi, hash.lo);
    }
    return sum.digest();
  }
}

/**
 * Builds the closed record field by field: an object spread of the position here cost more than
 * the rest of a close together (V8's generic clone path) and left a differently shaped object.
 */
function closedPositionOf(
  p: Position,
  closePrice: Price,
  realizedPnl: Usd,
  closedAt: number,
  reason: CloseReason,
): ClosedPosition {
  return {
    positionId: p.positionId,
    accountId: p.accountId,
    symbol: p.symbol,
    asset: p.asset,
    side: p.side,
    margin: p.margin,
    leverage: p.leverage,
    entryPrice: p.entryPrice,
    quantity: p.quantity,
    liquidationPrice: p.liquidationPrice,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    openedAt: p.openedAt,
    clientOrderId: p.clientOrderId,
    closePrice,
    realizedPnl,
    closedAt,
    reason,
  };
}

function accountView(a: AccountState): Account {
  return {
    accountId: a.accountId,
    balances: { USD: a.usd, SOL: a.sol },
    deposits: a.deposits,
    realizedPnl: a.realizedPnl,
    createdAt: a.createdAt,
  };
}

/**
 * Stops must be able to fire and must fire before liquidation:
 * long  — liquidation < SL < bid (closing side) ≤ entry, TP > entry;
 * short — entry ≤ ask < SL < liquidation, TP < entry.
 * A stop on the far side of the liquidation price would never fire; one already crossed by the
 * current quote would fire on the next tick for no reason: both are refused.
 */
function validateStops(
  side: "long" | "short",
  entry: Price,
  exit: Price,
  liquidation: Price,
  stopLoss: Price | null,
  takeProfit: Price | null,
): string | null {
  if (side === "long") {
    if (stopLoss !== null && !(stopLoss < exit && stopLoss > liquidation)) {
      return "long stop loss must be below the bid and above the liquidation price";
    }
    if (takeProfit !== null && !(takeProfit > entry))
      return "long take profit must be above the entry price";
    return null;
  }
  if (stopLoss !== null && !(stopLoss > exit && stopLoss < liquidation)) {
    return "short stop loss must be above the ask and below the liquidation price";
  }
  if (takeProfit !== null && !(takeProfit < entry))
    return "short take profit must be below the entry price";
  return null;
}

/**
 * Why a triggered position closes at `fill`. Liquidation wins when the fill is at or beyond the
 * liquidation price (even if a stop loss was also crossed: the loss is then capped at margin
 * anyway); otherwise a loss-side trigger is the stop loss and a profit-side one the take profit.
 */
function triggerReason(position: Position, fill: Price): CloseReason {
  if (position.side === "long") {
    if (fill <= position.liquidationPrice) return "liquidation";
    if (position.stopLoss !== null && fill <= position.stopLoss) return "stop_loss";
    return "take_profit";
  }
  if (fill >= position.liquidationPrice) return "liquidation";
  if (position.stopLoss !== null && fill >= position.stopLoss) return "stop_loss";
  return "take_profit";
}
