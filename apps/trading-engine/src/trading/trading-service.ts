import { PRICE_DECIMALS, formatPrice, parsePrice, parseQty, parseUsd, priceFromUnits, priceToNumber, usdToNumber, type Price } from "@repo/engine-core/money";
import { parseDecimal } from "@repo/shared-types/decimal";
import type { ClosedPosition, CreateAccountValue, Engine, EngineEvent, Order, Position, Quote, QuoteSkip, Result } from "@repo/engine-core/engine";
import {
  accountSnapshotOf,
  alertSnapshotOf,
  closedSnapshotOf,
  orderSnapshotOf,
  positionSnapshotOf,
  type ClosedPositionSnapshot,
} from "@repo/engine-core/snapshot";
import type {
  TAccountStats,
  TAlert,
  TBalancePoint,
  TCloseAllRequest,
  TCloseAllResponse,
  THistoryQuery,
  TPlaceAlertRequest,
  TClosedPosition,
  TClosePositionRequest,
  TClosePositionResponse,
  TMarketInfo,
  TModifyPositionRequest,
  TModifyOrderRequest,
  TOpenPositionRequest,
  TOrder,
  TPlaceOrderRequest,
  TPosition,
  TStateResponse,
} from "@repo/shared-types/api";
import { MARKETS, MAX_LEVERAGE, type TFeedSource, type TMarketUpdate } from "@repo/shared-types/market";
import type { TMarketTick } from "@repo/shared-types/socket";
import type { BalancePointRecord, ClientOrderStore, LedgerChange, LedgerStore } from "../ports";
import { accountStats } from "./account-stats";
import { balancePointsOf, depositPoint } from "./balance-points";
import { ClientOrderGuard } from "./client-order-guard";
import { GroupCommit } from "./group-commit";
import { presentAlert, presentClosedPosition, presentOrder, presentPosition, presentState } from "./present";
import { presentStateJson } from "./present-state-json";

/** What the service tells the socket gateway and metrics after each state change. */
export type TradingEvent =
  | { type: "positionOpened"; accountId: string }
  | { type: "positionClosed"; accountId: string; position: TClosedPosition }
  | { type: "accountChanged"; accountId: string }
  /** A quote met one of the account's alerts (now disarmed, and stored as fired). */
  | { type: "alertTriggered"; accountId: string; alert: TAlert; price: number }
  /** An order was placed, changed or finished (filled, cancelled, expired, rejected). */
  | { type: "orderUpdated"; accountId: string; order: TOrder }
  /** A quote was applied (newer than the one held). */
  | { type: "quote"; quote: Quote; source: TFeedSource };

/** A market update the engine would not act on: stamped in the future, stale on arrival, or held by the band. */
export interface RefusedQuote {
  symbol: string;
  reason: Exclude<QuoteSkip, "older">;
  bid: string;
  ask: string;
  timestamp: number;
}

export type TradingListener = (event: TradingEvent) => void;

export interface TradingServiceDeps {
  engine: Engine;
  ledger: LedgerStore;
  now: () => number;
  newId: () => string;
  /** Called when the database refused a write the engine already made: the process must restart (restore). */
  onFatal: (error: unknown) => void;
  /** clientOrderIds with their request fingerprints (409 on a different body); none: engine replay only. */
  clientOrders?: ClientOrderStore;
}

const ASSET_OF_SYMBOL = new Map<string, string>(MARKETS.map((m) => [m.symbol, m.asset]));
const SYMBOL_OF_ASSET = new Map<string, string>(MARKETS.map((m) => [m.asset, m.symbol]));

/** A JSON number's percent as the engine's decimal string ("0.1"), at most 8 decimals, no exponent. */
/**
 * Kafka prices are exact decimal strings but may carry leading zeros or more than 8 decimals;
 * the engine keeps 8. Extra digits are cut (never rounded up), null for anything else.
 */
export function normalizePrice(text: string): Price | null {
  const units = parseDecimal(text, PRICE_DECIMALS, { leadingZeros: true, excess: "trunc" });
  return units !== null && units > 0n ? priceFromUnits(units) : null;
}

/** An open order's reply: the position, or the original one when a clientOrderId repeats. */
export interface OpenedPosition {
  position: TPosition | TClosedPosition;
  replayed: boolean;
}

/**
 * The order path: engine command (synchronous, in arrival order) → its ledger change joins the
 * turn's group commit (one transaction for all commands of the batch) → reply after the commit. Business rejections are
 * returned as values (`{ok: false, code, message}`); only infrastructure failures throw.
 */
export class TradingService {
  private readonly listeners: TradingListener[] = [];
  private readonly refusedListeners: ((refused: RefusedQuote) => void)[] = [];
  private readonly sourceOf = new Map<string, TFeedSource>();
  private readonly clientOrderGuard: ClientOrderGuard | null;

  private readonly commits: GroupCommit;

  constructor(private readonly deps: TradingServiceDeps) {
    this.clientOrderGuard = deps.clientOrders === undefined ? null : new ClientOrderGuard(deps.clientOrders, deps.now);
    this.commits = new GroupCommit(deps.ledger, deps.onFatal);
  }

  onEvent(listener: TradingListener): void {
    this.listeners.push(listener);
  }

  /** Told of every market update refused for its price or time (metrics, logs); not a state change. */
  onQuoteRefused(listener: (refused: RefusedQuote) => void): void {
    this.refusedListeners.push(listener);
  }

  private emit(event: TradingEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * The generic unit every engine command goes through: what `events` changed (and the state
   * hash right after the command) joins this turn's group commit; resolves once it is on disk,
   * rejects with LedgerWriteError (→ 503) when the batch could not be written.
   */
  private persist(events: readonly EngineEvent[], extraAccounts: readonly string[] = [], extra?: () => void): Promise<void> {
    return this.commits.submit(this.ledgerWrite(events, extraAccounts, extra));
  }

  /** What `events` changed, with the engine's state hash right after them, as one ledger write. */
  private ledgerWrite(
    events: readonly EngineEvent[],
    extraAccounts: readonly string[] = [],
    extra?: () => void,
    extraPoints: readonly BalancePointRecord[] = [],
  ): () => void {
    const { engine, ledger } = this.deps;
    const accountIds = new Set(extraAccounts);
    const change: LedgerChange = {
      accounts: [],
      opened: [],
      closed: [],
      balancePoints: [...extraPoints, ...balancePointsOf(events, (id) => engine.getAccount(id))],
      alertsPlaced: [],
      alertsRemoved: [],
      alertsTriggered: [],
      orders: [],
      stateHash: "",
    };
    // The last state of each position changed in place; a full close after it drops it (a tick
    // may trail a stop and then take the profit), a partial close is followed by its remainder.
    const updated = new Map<string, Position>();
    for (const event of events) {
      switch (event.type) {
        case "accountChanged":
        case "accountReset":
          accountIds.add(event.accountId);
          break;
        case "positionOpened":
          change.opened.push(positionSnapshotOf(event.position));
          accountIds.add(event.position.accountId);
          break;
        case "positionUpdated":
          updated.set(event.position.positionId, event.position);
          break;
        case "positionClosed":
          change.closed.push(closedSnapshotOf(event.position));
          updated.delete(event.position.positionId);
          accountIds.add(event.position.accountId);
          break;
        case "orderUpdated":
          change.orders?.push(orderSnapshotOf(event.order));
          accountIds.add(event.order.accountId);
          break;
        case "alertPlaced":
          change.alertsPlaced?.push(alertSnapshotOf(event.alert));
          break;
        case "alertRemoved":
          change.alertsRemoved?.push(event.alert.alertId);
          break;
        case "alertTriggered":
          change.alertsTriggered?.push({
            alertId: event.triggered.alert.alertId,
            triggeredAt: event.triggered.triggeredAt,
            price: formatPrice(event.triggered.price),
          });
          break;
      }
    }
    change.updated = [...updated.values()].map(positionSnapshotOf);
    for (const id of accountIds) {
      const account = engine.getAccount(id);
      if (account !== null) change.accounts.push(accountSnapshotOf(account));
    }
    change.stateHash = engine.stateHash();
    return () => ledger.applyLedgerChange(change, extra);
  }

  private publish(events: readonly EngineEvent[]): void {
    // A position changed in place changes what its account's state shows (stops, trailing level).
    const touched = new Set<string>();
    for (const event of events) {
      switch (event.type) {
        case "accountChanged":
          this.emit({ type: "accountChanged", accountId: event.accountId });
          break;
        case "positionOpened":
          this.emit({ type: "positionOpened", accountId: event.position.accountId });
          break;
        case "positionUpdated":
          if (!touched.has(event.position.accountId)) {
            touched.add(event.position.accountId);
            this.emit({ type: "accountChanged", accountId: event.position.accountId });
          }
          break;
        case "positionClosed":
          this.emit({ type: "positionClosed", accountId: event.position.accountId, position: this.presentClosed(event.position) });
          break;
        case "orderUpdated":
          this.emit({ type: "orderUpdated", accountId: event.order.accountId, order: this.presentOrder(event.order) });
          break;
        case "alertTriggered": {
          const { alert, price, triggeredAt } = event.triggered;
          const shown = presentAlert({ ...alertSnapshotOf(alert), triggeredAt });
          this.emit({ type: "alertTriggered", accountId: alert.accountId, alert: shown, price: priceToNumber(price) });
          break;
        }
        default:
          // Placing, removing and resetting answer their caller; accountChanged tells the sockets.
          break;
      }
    }
  }

  private presentClosed(p: ClosedPosition): TClosedPosition {
    return presentClosedPosition(closedSnapshotOf(p), p.asset);
  }

  private presentOrder(o: Order): TOrder {
    return presentOrder(orderSnapshotOf(o), o.asset);
  }

  /**
   * Creates and funds an account; `alongside` runs inside the same ledger transaction (the
   * sign-up writes its user and session there, so either all of them exist or none).
   */
  createAccount(accountId: string, at: number, alongside: () => void): Result<CreateAccountValue> {
    const { result, events } = this.deps.engine.execute({ type: "createAccount", accountId, at });
    if (!result.ok) return result;
    const opening = result.value.created ? [depositPoint(result.value.account)] : [];
    const write = this.ledgerWrite(events, [accountId], alongside, opening);
    // Written at once: the sign-up's email check right before must still hold at the commit.
    this.commits.commitNow(write);
    return result;
  }

  async openPosition(accountId: string, request: TOpenPositionRequest): Promise<Result<OpenedPosition>> {
    const { engine } = this.deps;
    const symbol = SYMBOL_OF_ASSET.get(request.asset);
    if (symbol === undefined) return { ok: false, code: "INVALID_REQUEST", message: `unknown asset ${request.asset}` };
    const check = this.clientOrderGuard?.check(accountId, request);
    if (check?.kind === "conflict") {
      return { ok: false, code: "IDEMPOTENCY_CONFLICT", message: "clientOrderId was already used with a different order" };
    }
    if (check?.kind === "repeat") {
      const original = await this.replay(accountId, check.id);
      if (original !== null) return { ok: true, value: { position: original, replayed: true } };
      return { ok: false, code: "IDEMPOTENCY_CONFLICT", message: "clientOrderId was already used for a pending order" };
    }
    const at = this.deps.now();
    const { result, events } = engine.execute({
      type: "openPosition",
      accountId,
      positionId: this.deps.newId(),
      symbol,
      side: request.type,
      margin: parseUsd(request.margin),
      leverage: request.leverage,
      slippagePct: request.slippage,
      currentPrice: request.currentPrice === undefined ? undefined : parsePrice(request.currentPrice),
      stopLoss: request.stopLoss === undefined ? undefined : parsePrice(request.stopLoss),
      takeProfit: request.takeProfit === undefined ? undefined : parsePrice(request.takeProfit),
      clientOrderId: request.clientOrderId,
      at,
    });
    if (!result.ok) return result;
    if (events.length > 0) {
      // Claimed before this turn ends, so a repeat in the same batch finds it before it is on disk.
      const claim = result.value.replayed ? undefined : this.clientOrderGuard?.claim(accountId, request, result.value.position.positionId, at);
      try {
        await this.persist(events, [], claim?.write);
      } finally {
        claim?.release();
      }
    }
    this.publish(events);
    return { ok: true, value: { position: presentPosition(engine, result.value.position), replayed: result.value.replayed } };
  }

  /**
   * The position a repeated clientOrderId opened: open in the engine, or closed since (read from
   * the history on disk, as a ClosedPosition). Waits for the pending group commit first, so the
   * original (and any close of it) is on disk before the repeat is answered.
   */
  private async replay(accountId: string, positionId: string): Promise<TPosition | TClosedPosition | null> {
    await this.commits.settled();
    const open = this.deps.engine.getPosition(positionId);
    if (open !== null && open.accountId === accountId) return presentPosition(this.deps.engine, open);
    const closed = this.deps.ledger.closedPosition(accountId, positionId);
    // Null: the id made a pending order, not a position.
    return closed === null ? null : presentClosedPosition(closed, ASSET_OF_SYMBOL.get(closed.symbol) ?? "SOL");
  }

  async closePosition(accountId: string, request: TClosePositionRequest): Promise<Result<TClosePositionResponse>> {
    const { engine } = this.deps;
    const { result, events } = engine.execute({
      type: "closePosition",
      accountId,
      positionId: request.positionId,
      quantity: request.quantity === undefined ? undefined : parseQty(request.quantity),
      currentPrice: request.currentPrice === undefined ? undefined : parsePrice(request.currentPrice),
      slippagePct: request.slippage,
      at: this.deps.now(),
    });
    if (!result.ok) return result;
    await this.persist(events);
    this.publish(events);
    const position = this.presentClosed(result.value.position);
    const remaining = result.value.remaining === null ? null : presentPosition(engine, result.value.remaining);
    return { ok: true, value: { message: "Position closed successfully", realizedPnL: position.realizedPnL, position, remaining } };
  }

  /** Edits the stop loss, take profit and trailing stop of an open position (null clears one). */
  async modifyPosition(accountId: string, positionId: string, request: TModifyPositionRequest): Promise<Result<TPosition>> {
    const { engine } = this.deps;
    const price = (value: string | null | undefined): Price | null | undefined =>
      value === undefined || value === null ? value : parsePrice(value);
    const { result, events } = engine.execute({
      type: "modifyPosition",
      accountId,
      positionId,
      stopLoss: price(request.stopLoss),
      takeProfit: price(request.takeProfit),
      trailingStop:
        request.trailingStop === undefined || request.trailingStop === null
          ? request.trailingStop
          : { distance: parsePrice(request.trailingStop.distance) },
      at: this.deps.now(),
    });
    if (!result.ok) return result;
    await this.persist(events);
    this.publish(events);
    return { ok: true, value: presentPosition(engine, result.value.position) };
  }

  /** Closes every open position the filters select, at the engine's quotes, as one command. */
  async closeAllPositions(accountId: string, request: TCloseAllRequest): Promise<Result<TCloseAllResponse>> {
    const { result, events } = this.deps.engine.execute({
      type: "closeAllPositions",
      accountId,
      symbol: request.symbol,
      side: request.side,
      filter: request.filter,
      at: this.deps.now(),
    });
    if (!result.ok) return result;
    if (events.length > 0) await this.persist(events);
    this.publish(events);
    return {
      ok: true,
      value: { closed: result.value.closed.map((c) => this.presentClosed(c)), realizedPnL: usdToNumber(result.value.realizedPnl) },
    };
  }

  /**
   * Places a pending order; a repeated clientOrderId answers the original order (open or not)
   * from the engine or SQLite, the same id with a different body is IDEMPOTENCY_CONFLICT.
   */
  async placeOrder(accountId: string, request: TPlaceOrderRequest): Promise<Result<{ order: TOrder; replayed: boolean }>> {
    const { engine } = this.deps;
    const symbol = SYMBOL_OF_ASSET.get(request.asset);
    if (symbol === undefined) return { ok: false, code: "INVALID_REQUEST", message: `unknown asset ${request.asset}` };
    const check = this.clientOrderGuard?.check(accountId, request);
    if (check?.kind === "conflict") {
      return { ok: false, code: "IDEMPOTENCY_CONFLICT", message: "clientOrderId was already used with a different order" };
    }
    if (check?.kind === "repeat") {
      // The original's commit first: the reply must not run ahead of what is on disk.
      await this.commits.settled();
      const original = this.findOrder(accountId, check.id);
      if (original !== null) return { ok: true, value: { order: original, replayed: true } };
      return { ok: false, code: "IDEMPOTENCY_CONFLICT", message: "clientOrderId was already used for a market order" };
    }
    const at = this.deps.now();
    const orderId = this.deps.newId();
    const { result, events } = engine.execute({
      type: "placeOrder",
      accountId,
      orderId,
      symbol,
      side: request.type,
      orderType: request.orderType,
      price: parsePrice(request.price),
      margin: parseUsd(request.margin),
      leverage: request.leverage,
      stopLoss: request.stopLoss === undefined ? undefined : parsePrice(request.stopLoss),
      takeProfit: request.takeProfit === undefined ? undefined : parsePrice(request.takeProfit),
      expiresAt: request.expiresAt,
      clientOrderId: request.clientOrderId,
      at,
    });
    if (!result.ok) return result;
    // Claimed before this turn ends, so a repeat in the same batch finds it before it is on disk.
    const claim = this.clientOrderGuard?.claim(accountId, request, orderId, at);
    try {
      await this.persist(events, [], claim?.write);
    } finally {
      claim?.release();
    }
    this.publish(events);
    return { ok: true, value: { order: this.presentOrder(result.value.order), replayed: false } };
  }

  async modifyOrder(accountId: string, orderId: string, request: TModifyOrderRequest): Promise<Result<TOrder>> {
    const optionalPrice = (text: string | null | undefined) => (text === undefined || text === null ? text : parsePrice(text));
    const { result, events } = this.deps.engine.execute({
      type: "modifyOrder",
      accountId,
      orderId,
      price: request.price === undefined ? undefined : parsePrice(request.price),
      stopLoss: optionalPrice(request.stopLoss),
      takeProfit: optionalPrice(request.takeProfit),
      expiresAt: request.expiresAt,
      at: this.deps.now(),
    });
    if (!result.ok) return result;
    await this.persist(events);
    this.publish(events);
    return { ok: true, value: this.presentOrder(result.value.order) };
  }

  async cancelOrder(accountId: string, orderId: string): Promise<Result<TOrder>> {
    const { result, events } = this.deps.engine.execute({ type: "cancelOrder", accountId, orderId, at: this.deps.now() });
    if (!result.ok) return result;
    await this.persist(events);
    this.publish(events);
    return { ok: true, value: this.presentOrder(result.value.order) };
  }

  /** The account's open orders, oldest first. */
  openOrders(accountId: string): TOrder[] {
    return this.deps.engine.getOpenOrders(accountId).map((o) => this.presentOrder(o));
  }

  /** Orders of the account in every status, newest change first (from SQLite). */
  orderHistory(accountId: string, limit: number): TOrder[] {
    return this.deps.ledger.orderHistory(accountId, limit).map((o) => presentOrder(o, ASSET_OF_SYMBOL.get(o.symbol) ?? "SOL"));
  }

  private findOrder(accountId: string, orderId: string): TOrder | null {
    const open = this.deps.engine.getOrder(orderId);
    if (open !== null) return open.accountId === accountId ? this.presentOrder(open) : null;
    const row = this.deps.ledger.findOrder(accountId, orderId);
    return row === null ? null : presentOrder(row, ASSET_OF_SYMBOL.get(row.symbol) ?? "SOL");
  }

  /**
   * The expiry clock: time enters the engine only through commands, so the service sends one on
   * a timer (ticks expire orders too). Expiries are stored at once, then announced.
   */
  expireOrders(): number {
    const { result, events } = this.deps.engine.execute({ type: "expireOrders", at: this.deps.now() });
    if (!result.ok || events.length === 0) return 0;
    this.commits.commitNow(this.ledgerWrite(events));
    this.publish(events);
    return result.value.orders.length;
  }

  /**
   * Applies one market message: triggered liquidations / stops are persisted in one transaction
   * before anyone is told. Returns false when the message was skipped (bad price or older quote).
   */
  applyMarketUpdate(update: TMarketUpdate): boolean {
    const { engine } = this.deps;
    if (!ASSET_OF_SYMBOL.has(update.symbol)) return false;
    const bid = normalizePrice(update.bid);
    const ask = normalizePrice(update.ask);
    const price = normalizePrice(update.price);
    if (bid === null || ask === null || price === null || bid > ask) return false;
    const { result, events } = engine.execute({
      type: "applyQuote",
      symbol: update.symbol,
      bid,
      ask,
      price,
      timestamp: update.timestamp,
      at: this.deps.now(),
    });
    if (!result.ok) return false;
    if (!result.value.applied) {
      const reason = result.value.skipped ?? "older";
      // Replays of older quotes are ordinary at-least-once delivery, not worth reporting.
      if (reason !== "older") {
        const refused: RefusedQuote = { symbol: update.symbol, reason, bid: update.bid, ask: update.ask, timestamp: update.timestamp };
        for (const listener of this.refusedListeners) listener(refused);
      }
      return false;
    }
    this.sourceOf.set(update.symbol, update.source);
    const quote = engine.getQuote(update.symbol);
    if (quote !== null) this.emit({ type: "quote", quote, source: update.source });
    // Triggered closes are stored at once (with any orders pending in this turn's batch, so the
    // hash stays in order) and announced only after that.
    if (events.length > 0) this.commits.commitNow(this.ledgerWrite(events));
    this.publish(events);
    return true;
  }

  /** The account's balances, positions and margin figures; null for an unknown account. */
  state(accountId: string): TStateResponse | null {
    return presentState(this.deps.engine, accountId);
  }

  /** The same as JSON text, exactly JSON.stringify(state(…)), built from per-position cached text. */
  stateJson(accountId: string): string | null {
    return presentStateJson(this.deps.engine, accountId);
  }

  /** True when the account holds an open position on `symbol` (its PnL moves with that market). */
  holdsMarket(accountId: string, symbol: string): boolean {
    return this.deps.engine.getOpenPositions(accountId).some((p) => p.symbol === symbol);
  }

  /** The latest quote of a market as ticks show it; null before the first quote. */
  quote(symbol: string): TMarketTick | null {
    const quote = this.deps.engine.getQuote(symbol);
    if (quote === null) return null;
    return {
      symbol,
      price: priceToNumber(quote.price),
      bid: priceToNumber(quote.bid),
      ask: priceToNumber(quote.ask),
      timestamp: quote.timestamp,
    };
  }

  /** The engine's ledger state hash (health probe, tests). */
  stateHash(): string {
    return this.deps.engine.stateHash();
  }

  /** Closed positions, newest first, paged by `before` and filtered by asset and reason. */
  history(accountId: string, query: Pick<THistoryQuery, "limit" | "before" | "asset" | "reason">): TClosedPosition[] {
    const symbol = query.asset === undefined ? undefined : SYMBOL_OF_ASSET.get(query.asset);
    return this.deps.ledger
      .closedPositions(accountId, query.limit, { before: query.before, symbol, reason: query.reason })
      .map((p) => presentClosedPosition(p, ASSET_OF_SYMBOL.get(p.symbol) ?? "SOL"));
  }

  /** The history rows as stored (exact decimal strings), for the CSV export. */
  historyRows(accountId: string, query: Pick<THistoryQuery, "limit" | "before" | "asset" | "reason">): ClosedPositionSnapshot[] {
    const symbol = query.asset === undefined ? undefined : SYMBOL_OF_ASSET.get(query.asset);
    return this.deps.ledger.closedPositions(accountId, query.limit, { before: query.before, symbol, reason: query.reason });
  }

  async placeAlert(accountId: string, request: TPlaceAlertRequest): Promise<Result<TAlert>> {
    const { result, events } = this.deps.engine.execute({
      type: "placeAlert",
      accountId,
      alertId: this.deps.newId(),
      symbol: request.symbol,
      condition: request.condition,
      price: parsePrice(request.price),
      at: this.deps.now(),
    });
    if (!result.ok) return result;
    await this.persist(events);
    return { ok: true, value: presentAlert({ ...alertSnapshotOf(result.value.alert), triggeredAt: null }) };
  }

  async removeAlert(accountId: string, alertId: string): Promise<Result<TAlert>> {
    const { result, events } = this.deps.engine.execute({ type: "removeAlert", accountId, alertId, at: this.deps.now() });
    if (!result.ok) return result;
    await this.persist(events);
    return { ok: true, value: presentAlert({ ...alertSnapshotOf(result.value.alert), triggeredAt: null }) };
  }

  /** Every alert of the account, newest first; fired ones carry `triggeredAt`. */
  alerts(accountId: string): TAlert[] {
    return this.deps.ledger.alerts(accountId).map(presentAlert);
  }

  /** Closes everything at market and puts the balance back to the initial deposit; the new state. */
  async resetAccount(accountId: string): Promise<Result<TStateResponse>> {
    const { result, events } = this.deps.engine.execute({ type: "resetAccount", accountId, at: this.deps.now() });
    if (!result.ok) return result;
    await this.persist(events);
    this.publish(events);
    const state = this.state(accountId);
    return state === null ? { ok: false, code: "NOT_FOUND", message: "account not found" } : { ok: true, value: state };
  }

  /** The latest `limit` points of the balance curve, ascending. */
  balanceHistory(accountId: string, limit: number): TBalancePoint[] {
    return this.deps.ledger
      .balanceHistory(accountId, limit)
      .map((p) => ({ time: p.time, balance: usdToNumber(parseUsd(p.balance)), reason: p.reason }));
  }

  stats(accountId: string): TAccountStats {
    const { ledger } = this.deps;
    return accountStats(ledger.realizedPnls(accountId), ledger.balanceHistory(accountId, Number.MAX_SAFE_INTEGER));
  }

  markets(): TMarketInfo[] {
    const { engine } = this.deps;
    const at = this.deps.now();
    return MARKETS.map((m) => {
      const quote = engine.getQuote(m.symbol);
      return {
        symbol: m.symbol,
        asset: m.asset,
        bid: quote === null ? null : priceToNumber(quote.bid),
        ask: quote === null ? null : priceToNumber(quote.ask),
        price: quote === null ? null : priceToNumber(quote.price),
        timestamp: quote?.timestamp ?? null,
        stale: engine.isStale(m.symbol, at),
        maxLeverage: MAX_LEVERAGE,
        source: this.sourceOf.get(m.symbol) ?? null,
      };
    });
  }

  /** Symbols whose quote is missing or stale now. */
  staleSymbols(): string[] {
    const at = this.deps.now();
    return MARKETS.filter((m) => this.deps.engine.isStale(m.symbol, at)).map((m) => m.symbol);
  }
}
