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
/** A limit enters at a better price than the quote's, a stop at a worse one (a breakout). */
export type OrderType = "limit" | "stop";
export type OrderStatus = "open" | "filled" | "cancelled" | "expired" | "rejected";
export type CloseReason =
  | "manual"
  | "liquidation"
  | "stop_loss"
  | "take_profit"
  | "trailing_stop"
  | "reset";

/**
 * A trailing stop: `level` follows the best closing price seen since it was set (long: highest
 * bid, short: lowest ask) at `distance`, and never moves back. The best price seen (its anchor)
 * is `level + distance` (long) or `level − distance` (short), so it needs no field of its own.
 */
export interface TrailingStop {
  readonly distance: Price;
  readonly level: Price;
}

/** Which open positions a close-all closes; PnL is marked at the closing side of the fresh quote. */
export type CloseAllFilter = "all" | "profitable" | "losing";

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
  readonly trailingStop: TrailingStop | null;
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

/**
 * A pending order: its margin is reserved (out of the USD balance) while it is open. Immutable:
 * the engine replaces it on every change. The engine holds open orders only; finished ones leave
 * it in an `orderUpdated` event and are history the service keeps.
 */
export interface Order {
  readonly orderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly asset: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly price: Price;
  readonly margin: Usd;
  readonly leverage: number;
  readonly stopLoss: Price | null;
  readonly takeProfit: Price | null;
  /** Unix ms; the order expires at the first command at or after it. null = good till cancelled. */
  readonly expiresAt: number | null;
  readonly clientOrderId: string | null;
  readonly status: OrderStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The position a fill opened (its id is the order's id). */
  readonly positionId: string | null;
  /** Why a fill was refused (status "rejected"). */
  readonly reason: string | null;
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
  /** Σ withdrawals ever made (a reset above 10,000 withdraws the excess). */
  readonly withdrawals: Usd;
  /** Σ realised PnL of every closed position. */
  readonly realizedPnl: Usd;
  readonly createdAt: number;
}

/** Which side of the book an alert watches: `above` fires at ask ≥ price, `below` at bid ≤ price. */
export type AlertCondition = "above" | "below";

/** An armed one-shot price alert. Immutable. */
export interface Alert {
  readonly alertId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly condition: AlertCondition;
  readonly price: Price;
  /** Unix ms (the place command's `at`). */
  readonly createdAt: number;
}

/** An alert a quote met: the quote's side it watched (`price`) and when. */
export interface TriggeredAlert {
  readonly alert: Alert;
  readonly price: Price;
  readonly triggeredAt: number;
}

/** Account figures marked at the latest quotes (closing side). */
export interface AccountSummary {
  /** Free USD balance (margins of open positions are not in it). */
  readonly balance: Usd;
  /** balance + reserved order margin + Σ(margin + unrealised PnL) over open positions. */
  readonly equity: Usd;
  /** Σ margin of open positions. */
  readonly usedMargin: Usd;
  /** Σ margin reserved by open orders (in equity, not in the balance nor the free margin). */
  readonly orderMargin: Usd;
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
  /** How much to close; absent (or the whole open quantity) closes the position. */
  quantity?: Qty;
  currentPrice?: Price;
  slippagePct?: string;
  at: number;
}

/** Changes the stops of an open position: undefined leaves a field as it is, null clears it. */
export interface ModifyPositionCommand {
  type: "modifyPosition";
  accountId: string;
  positionId: string;
  stopLoss?: Price | null;
  takeProfit?: Price | null;
  /** The trailing distance in price units; the level starts at the current closing price ∓ distance. */
  trailingStop?: { distance: Price } | null;
  at: number;
}

/** Closes every open position of the account that the filters select, in one command. */
export interface CloseAllPositionsCommand {
  type: "closeAllPositions";
  accountId: string;
  symbol?: string;
  side?: Side;
  filter?: CloseAllFilter;
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

export interface PlaceOrderCommand {
  type: "placeOrder";
  accountId: string;
  /** Chosen by the caller; a fill's position takes the same id. */
  orderId: string;
  symbol: string;
  side: Side;
  orderType: OrderType;
  price: Price;
  margin: Usd;
  leverage: number;
  stopLoss?: Price;
  takeProfit?: Price;
  expiresAt?: number;
  clientOrderId?: string;
  at: number;
}

/** Absent fields are unchanged; null removes a stop or the expiry. */
export interface ModifyOrderCommand {
  type: "modifyOrder";
  accountId: string;
  orderId: string;
  price?: Price;
  stopLoss?: Price | null;
  takeProfit?: Price | null;
  expiresAt?: number | null;
  at: number;
}

export interface CancelOrderCommand {
  type: "cancelOrder";
  accountId: string;
  orderId: string;
  at: number;
}

/** Cancels every open order of an account (an account reset, for one). */
export interface CancelAllOrdersCommand {
  type: "cancelAllOrders";
  accountId: string;
  at: number;
}

export interface PlaceAlertCommand {
  type: "placeAlert";
  accountId: string;
  /** Chosen by the caller. */
  alertId: string;
  symbol: string;
  condition: AlertCondition;
  price: Price;
  at: number;
}

export interface RemoveAlertCommand {
  type: "removeAlert";
  accountId: string;
  alertId: string;
  at: number;
}

/** Back to the initial deposit: every order cancelled, every position closed at market (reason `reset`), then the USD balance set. */
export interface ResetAccountCommand {
  type: "resetAccount";
  accountId: string;
  at: number;
}

/** The clock: expires every open order whose expiresAt is at or before `at`. */
export interface ExpireOrdersCommand {
  type: "expireOrders";
  at: number;
}

export type EngineCommand =
  | CreateAccountCommand
  | OpenPositionCommand
  | ClosePositionCommand
  | ModifyPositionCommand
  | CloseAllPositionsCommand
  | ApplyQuoteCommand
  | PlaceOrderCommand
  | ModifyOrderCommand
  | CancelOrderCommand
  | CancelAllOrdersCommand
  | ExpireOrdersCommand
  | PlaceAlertCommand
  | RemoveAlertCommand
  | ResetAccountCommand;

// ---- results ----

/** Business rejection codes; a subset of @repo/shared-types/errors codes. */
export type RejectCode =
  | "INSUFFICIENT_FUNDS"
  | "SLIPPAGE_EXCEEDED"
  | "INVALID_STOPS"
  | "INVALID_QUANTITY"
  | "PRICE_UNAVAILABLE"
  | "POSITION_NOT_FOUND"
  | "ORDER_NOT_FOUND"
  | "INVALID_ORDER_PRICE"
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
  /** The closed part (the whole position on a full close). */
  position: ClosedPosition;
  /** What stays open after a partial close; null when the whole position closed. */
  remaining: Position | null;
}

export interface ModifyPositionValue {
  position: Position;
}

export interface CloseAllPositionsValue {
  /** In canonical order (opened at, then position id). */
  closed: ClosedPosition[];
  /** Σ realised PnL of `closed`. */
  realizedPnl: Usd;
}

/** Why a quote did not apply: older than the one held, already stale, stamped in the future, held by the band. */
export type QuoteSkip = "older" | "stale" | "future" | "held";

export interface ApplyQuoteValue {
  /** False when the quote is older (exchange timestamp) than the one held; it is then ignored. */
  applied: boolean;
  /** Set when `applied` is false. */
  skipped?: QuoteSkip;
  /** Positions closed by this tick (liquidation, stop loss, take profit, trailing stop). */
  closed: ClosedPosition[];
  /** Orders this tick finished: expired, filled or rejected at the fill. */
  orders: Order[];
  /** Alerts this tick met (checked after its closes), now disarmed. */
  alerts: TriggeredAlert[];
}

export interface OrderValue {
  order: Order;
}

export interface OrdersValue {
  orders: Order[];
}

export interface AlertValue {
  alert: Alert;
}

export interface ResetAccountValue {
  account: Account;
  /** Closed at the fresh quotes, in canonical order, reason `reset`. */
  closed: ClosedPosition[];
  /** Its open orders, now cancelled (reserved margins released), oldest first. */
  orders: Order[];
  /** What the reset deposited (> 0) or withdrew (< 0) to reach the initial deposit. */
  adjustment: Usd;
}

/** Maps each command type to the value of its successful result. */
export interface CommandValues {
  createAccount: CreateAccountValue;
  openPosition: OpenPositionValue;
  closePosition: ClosePositionValue;
  modifyPosition: ModifyPositionValue;
  closeAllPositions: CloseAllPositionsValue;
  applyQuote: ApplyQuoteValue;
  placeOrder: OrderValue;
  modifyOrder: OrderValue;
  cancelOrder: OrderValue;
  cancelAllOrders: OrdersValue;
  expireOrders: OrdersValue;
  placeAlert: AlertValue;
  removeAlert: AlertValue;
  resetAccount: ResetAccountValue;
}

export type CommandResult<C extends EngineCommand = EngineCommand> = Result<
  CommandValues[C["type"]]
>;

// ---- events ----

export type EngineEvent =
  | { type: "positionOpened"; position: Position }
  | { type: "positionClosed"; position: ClosedPosition; reason: CloseReason }
  /** An open position changed in place (stops edited, trailing stop moved, partly closed): its new state. */
  | { type: "positionUpdated"; position: Position }
  /** An order was placed, changed or finished (its new status). */
  | { type: "orderUpdated"; order: Order }
  | { type: "alertPlaced"; alert: Alert }
  | { type: "alertRemoved"; alert: Alert }
  | { type: "alertTriggered"; triggered: TriggeredAlert }
  /** A reset's deposit (> 0) or withdrawal (< 0), after its closes. */
  | { type: "accountReset"; accountId: string; adjustment: Usd; at: number }
  /** Once per command for every account whose balances changed in it. */
  | { type: "accountChanged"; accountId: string };

export interface ExecuteOutput<C extends EngineCommand = EngineCommand> {
  result: CommandResult<C>;
  events: EngineEvent[];
}
