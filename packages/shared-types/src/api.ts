import { z } from "zod";
import { ZCandleInterval } from "./candle";
import { zClientDecimal } from "./decimal";
import { MAX_LEVERAGE, ZAsset, ZFeedSource, ZSymbol } from "./market";

// ---- requests: strict, so a client can never set entry price, quantity or user ----

const ZEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const ZSignupRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(8, "at least 8 characters").max(256),
});
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export const ZSigninRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(256),
});
export type TSigninRequest = z.infer<typeof ZSigninRequest>;

/** USD amounts: cents at most. */
const ZUsdInput = zClientDecimal({ maxDecimals: 2, max: "1000000000" });
/** Prices: 8 decimals at most. */
const ZPriceInput = zClientDecimal({ maxDecimals: 8, max: "1000000000" });

/** Slippage bound in percent (0.1 = 0.1%), kept as the exact decimal the client wrote. */
const ZSlippage = zClientDecimal({ maxDecimals: 8, max: "100", allowZero: true });

export const ZPositionSide = z.enum(["long", "short"]);
export type TPositionSide = z.infer<typeof ZPositionSide>;

export const ZOpenPositionRequest = z.strictObject({
  asset: ZAsset,
  type: ZPositionSide,
  margin: ZUsdInput,
  leverage: z.number().int().min(1).max(MAX_LEVERAGE),
  slippage: ZSlippage.optional(),
  currentPrice: ZPriceInput.optional(),
  stopLoss: ZPriceInput.optional(),
  takeProfit: ZPriceInput.optional(),
  clientOrderId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "1-64 characters of A-Z a-z 0-9 _ -")
    .optional(),
});
export type TOpenPositionRequest = z.infer<typeof ZOpenPositionRequest>;
export type TOpenPositionInput = z.input<typeof ZOpenPositionRequest>;

export const ZClosePositionRequest = z.strictObject({
  positionId: z.string().min(1).max(64),
  currentPrice: ZPriceInput.optional(),
  slippage: ZSlippage.optional(),
});
export type TClosePositionRequest = z.infer<typeof ZClosePositionRequest>;

/** An order's expiry: epoch ms (an integer well inside the Date range). */
const ZEpochMs = z.number().int().positive().max(8_640_000_000_000_000);

export const ZOrderType = z.enum(["limit", "stop"]);
export type TOrderType = z.infer<typeof ZOrderType>;

export const ZOrderStatus = z.enum(["open", "filled", "cancelled", "expired", "rejected"]);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;

export const ZPlaceOrderRequest = z.strictObject({
  asset: ZAsset,
  type: ZPositionSide,
  orderType: ZOrderType,
  price: ZPriceInput,
  margin: ZUsdInput,
  leverage: z.number().int().min(1).max(MAX_LEVERAGE),
  stopLoss: ZPriceInput.optional(),
  takeProfit: ZPriceInput.optional(),
  expiresAt: ZEpochMs.optional(),
  clientOrderId: ZOpenPositionRequest.shape.clientOrderId,
});
export type TPlaceOrderRequest = z.infer<typeof ZPlaceOrderRequest>;
export type TPlaceOrderInput = z.input<typeof ZPlaceOrderRequest>;

/** Absent: unchanged; null: removes the stop or the expiry (good till cancelled). */
export const ZModifyOrderRequest = z.strictObject({
  price: ZPriceInput.optional(),
  stopLoss: ZPriceInput.nullable().optional(),
  takeProfit: ZPriceInput.nullable().optional(),
  expiresAt: ZEpochMs.nullable().optional(),
});
export type TModifyOrderRequest = z.infer<typeof ZModifyOrderRequest>;
export type TModifyOrderInput = z.input<typeof ZModifyOrderRequest>;

export const ZOrderIdParams = z.strictObject({ orderId: z.string().min(1).max(64) });

export const ZHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const ZCandlesQuery = z.strictObject({
  symbol: ZSymbol,
  interval: ZCandleInterval.default("1m"),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type TCandlesQuery = z.infer<typeof ZCandlesQuery>;

// ---- responses: numbers are JSON numbers (USD to the cent) ----

export const ZUser = z.object({ id: z.string(), email: z.string() });
export type TUser = z.infer<typeof ZUser>;

export const ZAuthResponse = z.object({ token: z.string(), user: ZUser });
export type TAuthResponse = z.infer<typeof ZAuthResponse>;

export const ZSignoutResponse = z.object({ message: z.string() });
export const ZSignoutAllResponse = z.object({ message: z.string(), revoked: z.number().int() });

export const ZPosition = z.object({
  positionId: z.string(),
  asset: ZAsset,
  type: ZPositionSide,
  margin: z.number(),
  leverage: z.number().int(),
  entryPrice: z.number(),
  quantity: z.number(),
  unrealizedPnL: z.number(),
  /** Opened at, unix ms. */
  timestamp: z.number().int(),
  liquidationPrice: z.number(),
  stopLoss: z.number().nullable(),
  takeProfit: z.number().nullable(),
  /** The price the position is marked at: the closing side of the latest quote. */
  currentPrice: z.number(),
  clientOrderId: z.string().nullable().optional(),
});
export type TPosition = z.infer<typeof ZPosition>;

export const ZCloseReason = z.enum([
  "manual",
  "liquidation",
  "stop_loss",
  "take_profit",
  "trailing_stop",
  "reset",
]);
export type TCloseReason = z.infer<typeof ZCloseReason>;

export const ZClosedPosition = ZPosition.extend({
  closePrice: z.number(),
  realizedPnL: z.number(),
  /** Closed at, unix ms. */
  closedAt: z.number().int(),
  closeReason: ZCloseReason,
});
export type TClosedPosition = z.infer<typeof ZClosedPosition>;

export const ZClosePositionResponse = z.object({
  message: z.literal("Position closed successfully"),
  realizedPnL: z.number(),
  position: ZClosedPosition,
});
export type TClosePositionResponse = z.infer<typeof ZClosePositionResponse>;

export const ZOrder = z.object({
  orderId: z.string(),
  asset: ZAsset,
  type: ZPositionSide,
  orderType: ZOrderType,
  price: z.number(),
  margin: z.number(),
  leverage: z.number().int(),
  stopLoss: z.number().nullable(),
  takeProfit: z.number().nullable(),
  /** Unix ms; null = good till cancelled. */
  expiresAt: z.number().int().nullable(),
  clientOrderId: z.string().nullable(),
  status: ZOrderStatus,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** The position a fill opened; null unless filled. */
  positionId: z.string().nullable(),
  /** Why the fill was refused; null unless rejected. */
  reason: z.string().nullable(),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZAccountSummary = z.object({
  /** The cash balance: reserved order margins and open margins are not in it. */
  balance: z.number(),
  /** balance + orderMargin + Σ(margin + unrealised PnL). */
  equity: z.number(),
  usedMargin: z.number(),
  /** Σ margin reserved by open orders. */
  orderMargin: z.number(),
  freeMargin: z.number(),
  /** equity / usedMargin × 100, null without open positions. */
  marginLevel: z.number().nullable(),
});
export type TAccountSummary = z.infer<typeof ZAccountSummary>;

export const ZStateResponse = z.object({
  balances: z.object({ USD: z.number(), SOL: z.number() }),
  positions: z.array(ZPosition),
  orders: z.array(ZOrder),
  account: ZAccountSummary,
});
export type TStateResponse = z.infer<typeof ZStateResponse>;

export const ZMarketInfo = z.object({
  symbol: ZSymbol,
  asset: ZAsset,
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  price: z.number().nullable(),
  /** Exchange time of the latest quote, unix ms. */
  timestamp: z.number().int().nullable(),
  stale: z.boolean(),
  maxLeverage: z.number().int(),
  /** Where the latest quote came from; the UI labels simulated prices. */
  source: ZFeedSource.nullable(),
});
export type TMarketInfo = z.infer<typeof ZMarketInfo>;

export const ZCandle = z.object({
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type TCandle = z.infer<typeof ZCandle>;
