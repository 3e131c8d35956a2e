import type { Price, Qty, Usd } from "./money";

/** One tradable market (architecture.md §4). */
export interface MarketConfig {
  symbol: string;
  asset: string;
  /** Highest integer leverage accepted (1..maxLeverage). */
  maxLeverage: number;
}

export interface EngineConfig {
  markets: readonly MarketConfig[];
  /** Deposited into every new account (10,000 USD by the contract). */
  initialDepositUsd: Usd;
  /** A quote whose exchange timestamp (or receipt) is more than this many ms before a command's `at` is stale. */
  priceStaleMs: number;
  /** A quote stamped more than this many ms after its `at` is refused (default 2000). */
  maxClockSkewMs?: number;
  /** The price band in basis points of the recent median (default 1000 = 10 %; 0 = off); see price-band.ts. */
  priceBandBp?: number;
}

export type Side = "long" | "short";
export type CloseReason = "manual" | "liquidation" | "stop_loss" | "take_profit";

/** An open isolated-margin position. Immutable: the engine replaces, never mutates, it. */
export interface Position {
  readonly positionId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly asset: string;
  readonly side: Side;
  readonly margin: Usd;
  readonly leverage: number;
  readonly entryPrice: Price;
  readonly quantity: Qty;
  /**
   * The engine liquidates when the closing side reaches this stored price (long: bid ≤ it,
   * short: ask ≥ it). 0 for a long that can never be liquidated (leverage 1).
   */
  readonly liquidationPrice: Price;
  readonly stopLoss: Price | null;
  readonly takeProfit: Price | null;
  /** Unix ms (the open command's `at`). */
  readonly openedAt: number;
  readonly clientOrderId: string | null;
}

/** A position after it closed: the fill, the realised PnL (loss capped at margin) and why. */
export interface ClosedPosition extends Position {
  readonly closePrice: Price;
  readonly realizedPnl: Usd;
  /** Unix ms (the closing command's `at`). */
  readonly closedAt: number;
  readonly reason: CloseReason;
}

/** The latest quote of a market as the engine acts on it. */
export interface Quote {
  readonly symbol: string;
  readonly bid: Price;
  readonly ask: Price;
  readonly price: Price;
  /** Exchange event time, unix ms. */
  readonly timestamp: number;
  /** When the service received it, unix ms; the quote is stale once this or `timestamp` is priceStaleMs old. */
  readonly receivedAt: number;
}

/** An account's ledger. `SOL` is always 0: positions are CFDs settled in USD. */
export interface Account {
  readonly accountId: string;
  readonly balances: { readonly USD: Usd; readonly SOL: Qty };
  /** Σ deposits ever made. */
  readonly deposits: Usd;
  /** Σ realised PnL of every closed position. */
  readonly realizedPnl: Usd;
  readonly createdAt: number;
}

/** Account figures marked at the latest quotes (closing side). */
export interface AccountSummary {
  /** Free USD balance (margins of open positions are not in it). */
  readonly balance: Usd;
  /** balance + Σ(margin + unrealised PnL) over open positions. */
  readonly equity: Usd;
  /** Σ margin of open positions. */
  readonly usedMargin: Usd;
  /** balance + min(0, unrealised PnL): what every margin check uses (free-margin.ts). */
  readonly freeMargin: Usd;
  /** equity / usedMargin × 100 as a decimal string with 2 dp, rounded down; null without positions. */
  readonly marginLevel: string | null;
  /** The same in hundredths of a percent (equity × 10000 / usedMargin, rounded down). */
  readonly marginLevelBp: bigint | null;
}

/** A position marked at the latest quote; null price/PnL when the market has no quote yet. */
export interface PositionMark {
  /** The closing side of the latest quote (long: bid, short: ask). */
  readonly currentPrice: Price | null;
  /** Half-even to the cent, loss capped at margin; 0 without a quote. */
  readonly unrealizedPnl: Usd;
}

// ---- commands (plain data; time and ids arrive here) ----

export interface CreateAccountCommand {
  type: "createAccount";
  accountId: string;
  at: number;
}

export interface OpenPositionCommand {
  type: "openPosition";
  accountId: string;
  /** Chosen by the caller (the core generates no ids). */
  positionId: string;
  symbol: string;
  side: Side;
  margin: Usd;
  leverage: number;
  /** Decimal percent string ("0.1" = 0.1 %), default "1"; checked only with currentPrice. */
  slippagePct?: string;
  /** The price the client saw; the order is refused when the fill differs by more than slippage. */
  currentPrice?: Price;
  stopLoss?: Price;
  takeProfit?: Price;
  clientOrderId?: string;
  at: number;
}

export interface ClosePositionCommand {
  type: "closePosition";
  accountId: string;
  positionId: string;
  currentPrice?: Price;
  slippagePct?: string;
  at: number;
}

export interface ApplyQuoteCommand {
  type: "applyQuote";
  symbol: string;
  bid: Price;
  ask: Price;
  price: Price;
  /** Exchange event time, unix ms. */
  timestamp: number;
  /** Receive time, unix ms. */
  at: number;
}

export type EngineCommand =
  CreateAccountCommand | OpenPositionCommand | ClosePositionCommand | ApplyQuoteCommand;

// ---- results ----

/** Business rejection codes; a subset of @repo/shared-types/errors codes. */
export type RejectCode =
  | "INSUFFICIENT_FUNDS"
  | "SLIPPAGE_EXCEEDED"
  | "INVALID_STOPS"
  | "PRICE_UNAVAILABLE"
  | "POSITION_NOT_FOUND"
  | "NOT_FOUND"
  | "INVALID_REQUEST"
  /** Raised by the service's clientOrderId check (the engine keeps no request fingerprints). */
  | "IDEMPOTENCY_CONFLICT";

export interface Rejection {
  ok: false;
  code: RejectCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | Rejection;

export interface CreateAccountValue {
  account: Account;
  /** False when the account already existed (createAccount is idempotent; no second deposit). */
  created: boolean;
}

export interface OpenPositionValue {
  /** True for a clientOrderId repeated while its position is open: `position` is that original. */
  replayed: boolean;
  position: Position;
}

export interface ClosePositionValue {
  position: ClosedPosition;
}

/** Why a quote did not apply: older than the one held, already stale, stamped in the future, held by the band. */
export type QuoteSkip = "older" | "stale" | "future" | "held";

export interface ApplyQuoteValue {
  /** False when the quote is older (exchange timestamp) than the one held; it is then ignored. */
  applied: boolean;
  /** Set when `applied` is false. */
  skipped?: QuoteSkip;
  /** Positions closed by this tick (liquidation, stop loss, take profit). */
  closed: ClosedPosition[];
}

/** Maps each command type to the value of its successful result. */
export interface CommandValues {
  createAccount: CreateAccountValue;
  openPosition: OpenPositionValue;
  closePosition: ClosePositionValue;
  applyQuote: ApplyQuoteValue;
}

export type CommandResult<C extends EngineCommand = EngineCommand> = Result<
  CommandValues[C["type"]]
>;

// ---- events ----

export type EngineEvent =
  | { type: "positionOpened"; position: Position }
  | { type: "positionClosed"; position: ClosedPosition; reason: CloseReason }
  /** Once per command for every account whose balances changed in it. */
  | { type: "accountChanged"; accountId: string };

export interface ExecuteOutput<C extends EngineCommand = EngineCommand> {
  result: CommandResult<C>;
  events: EngineEvent[];
}
