import { applyQuote } from "./apply-quote";
import { closeAllPositions } from "./close-all-positions";
import { byPlacement, cancelAllOrders, cancelOrder } from "./cancel-order";
import { expireOrders } from "./expire-orders";
import { modifyOrder } from "./modify-order";
import { orderMarginOf } from "./order-ledger";
import { placeOrder } from "./place-order";
import { closePosition } from "./close-position";
import { reject, type CommandEffects, type CommandHandler } from "./command-handler";
import { createAccount } from "./create-account";
import {
  accountView,
  createEngineState,
  freshQuote,
  type EngineState,
  type TriggerIndexKind,
} from "./engine-state";
import { recomputeStateHash, rehashAccount } from "./ledger";
import { marginFigures } from "./free-margin";
import { formatUsd, usdFromCents } from "./money";
import { modifyPosition } from "./modify-position";
import { openPosition } from "./open-position";
import { placeAlert } from "./place-alert";
import { removeAlert } from "./remove-alert";
import { resetAccount } from "./reset-account";
import { closingPrice, pnlAt } from "./position-math";
import { restoreState } from "./restore";
import { snapshotOf, type EngineSnapshot } from "./snapshot";
import type {
  Account,
  AccountSummary,
  EngineCommand,
  EngineConfig,
  ExecuteOutput,
  Order,
  Position,
  PositionMark,
  Quote,
} from "./types";

export type * from "./types";
export type { EngineSnapshot } from "./snapshot";
export type { TriggerIndexKind } from "./engine-state";
export { liquidationPriceOf } from "./position-math";

export interface EngineOptions {
  triggerIndex?: TriggerIndexKind;
}

/** The trading core: commands in, results and events out; queries read the current state. */
export interface Engine {
  execute<C extends EngineCommand>(command: C): ExecuteOutput<C>;
  getAccount(accountId: string): Account | null;
  getOpenPositions(accountId: string): Position[];
  /** An open position; null otherwise (closed positions are the service's history). */
  getPosition(positionId: string): Position | null;
  accountSummary(accountId: string): AccountSummary | null;
  markPosition(position: Position): PositionMark;
  /** The account's open orders, oldest first. */
  getOpenOrders(accountId: string): Order[];
  /** An open order; null otherwise (finished orders are the service's history). */
  getOrder(orderId: string): Order | null;
  openOrderCount(): number;
  getQuote(symbol: string): Quote | null;
  /** True when the symbol has no quote or its quote's exchange timestamp (or receipt) is more than priceStaleMs before `at`. */
  isStale(symbol: string, at: number): boolean;
  openPositionCount(): number;
  /**
   * Entries held in memory: accounts, open positions and their clientOrderId index. Closed
   * positions leave none behind, so this stays flat however many orders went through.
   */
  retainedEntryCount(): number;
  armedAlertCount(): number;
  /** Every account id, in creation order. */
  listAccountIds(): string[];
  snapshot(): EngineSnapshot;
  /**
   * 16 hex digits identifying the ledger state: the sum mod 2^64 of a 64-bit hash of each
   * account, open position and open order (quotes excluded), so two engines holding
   * the same state agree whatever order they got there in. Maintained on every change: O(1).
   */
  stateHash(): string;
  /** The same hash recomputed from every row, O(state): the check that the maintained one is right. */
  recomputeStateHash(): string;
}

/** Builds an empty engine (no accounts, no quotes). */
export function createEngine(config: EngineConfig, options: EngineOptions = {}): Engine {
  return new TradingEngine(createEngineState(config, options.triggerIndex));
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
  const state = createEngineState(config, options.triggerIndex);
  restoreState(state, snapshot);
  return new TradingEngine(state);
}

type Handlers = {
  [T in EngineCommand["type"]]: CommandHandler<Extract<EngineCommand, { type: T }>>;
};

/** Every command, one file each: a new command is its file plus one line here. */
const handlers: Handlers = {
  createAccount,
  openPosition,
  closePosition,
  modifyPosition,
  closeAllPositions,
  applyQuote,
  placeOrder,
  modifyOrder,
  cancelOrder,
  cancelAllOrders,
  expireOrders,
  placeAlert,
  removeAlert,
  resetAccount,
};

class TradingEngine implements Engine {
  constructor(private readonly state: EngineState) {}

  execute<C extends EngineCommand>(command: C): ExecuteOutput<C> {
    const effects: CommandEffects = { events: [], changed: new Set() };
    // Commands also arrive from untyped JSON callers; an unknown type is a rejection, not a throw.
    const handler = Object.hasOwn(handlers, command.type)
      ? (handlers[command.type] as CommandHandler<EngineCommand>)
      : null;
    const result =
      handler === null
        ? reject("INVALID_REQUEST", "unknown command")
        : handler(this.state, command, effects);
    // `changed` lists every account whose ledger fields this command wrote (the accountChanged
    // contract), so refreshing their row hashes here keeps the state hash exact, once per account.
    for (const accountId of effects.changed) {
      const account = this.state.accounts.get(accountId);
      if (account !== undefined) rehashAccount(this.state, account);
      effects.events.push({ type: "accountChanged", accountId });
    }
    // The table pairs each command type with its own value type; TS cannot follow that through C.
    return { result, events: effects.events } as ExecuteOutput<C>;
  }

  getAccount(accountId: string): Account | null {
    const account = this.state.accounts.get(accountId);
    return account === undefined ? null : accountView(account);
  }

  getOpenPositions(accountId: string): Position[] {
    const account = this.state.accounts.get(accountId);
    if (account === undefined) return [];
    return [...account.open.values()].map((record) => record.position);
  }

  getPosition(positionId: string): Position | null {
    return this.state.open.get(positionId)?.position ?? null;
  }

  accountSummary(accountId: string): AccountSummary | null {
    const account = this.state.accounts.get(accountId);
    if (account === undefined) return null;
    const figures = marginFigures(this.state, account);
    const usedMargin: bigint = figures.usedMargin;
    const orderMargin = orderMarginOf(account);
    const equity = account.usd + orderMargin + usedMargin + figures.unrealizedPnl;
    const marginLevelBp = usedMargin === 0n ? null : (equity * 10_000n) / usedMargin;
    return {
      balance: account.usd,
      equity: usdFromCents(equity),
      usedMargin: figures.usedMargin,
      orderMargin,
      freeMargin: figures.freeMargin,
      marginLevelBp,
      // Basis points of a percent happen to be cents of a percent: reuse the 2-dp formatter.
      marginLevel: marginLevelBp === null ? null : formatUsd(usdFromCents(marginLevelBp)),
    };
  }

  markPosition(position: Position): PositionMark {
    const quote = this.getQuote(position.symbol);
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

  getOpenOrders(accountId: string): Order[] {
    const account = this.state.accounts.get(accountId);
    if (account === undefined) return [];
    return [...account.orders.values()].map((record) => record.order).sort(byPlacement);
  }

  getOrder(orderId: string): Order | null {
    return this.state.orders.get(orderId)?.order ?? null;
  }

  openOrderCount(): number {
    return this.state.orders.size;
  }

  getQuote(symbol: string): Quote | null {
    return this.state.markets.get(symbol)?.quote ?? null;
  }

  isStale(symbol: string, at: number): boolean {
    const market = this.state.markets.get(symbol);
    return market === undefined || freshQuote(this.state, market, at) === null;
  }

  openPositionCount(): number {
    return this.state.open.size;
  }

  retainedEntryCount(): number {
    let clientOrders = 0;
    for (const account of this.state.accounts.values()) clientOrders += account.clientOrders.size;
    const { accounts, open, orders, alerts } = this.state;
    return accounts.size + open.size + clientOrders + orders.size + alerts.size;
  }

  armedAlertCount(): number {
    return this.state.alerts.size;
  }

  listAccountIds(): string[] {
    return [...this.state.accounts.keys()];
  }

  snapshot(): EngineSnapshot {
    return snapshotOf(this.state);
  }

  stateHash(): string {
    return this.state.hashSum.digest();
  }

  recomputeStateHash(): string {
    return recomputeStateHash(this.state);
  }
}
