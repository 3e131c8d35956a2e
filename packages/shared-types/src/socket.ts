import { z } from "zod";
import { type TClosedPosition, type TOrder, type TStateResponse } from "./api";
import { type TErrorCode } from "./errors";
import { ZSymbol } from "./market";

/** `market:tick` payload: the latest quote of one symbol, numbers as in REST. */
export const ZMarketTick = z.object({
  symbol: ZSymbol,
  price: z.number(),
  bid: z.number(),
  ask: z.number(),
  /** Exchange time, unix ms. */
  timestamp: z.number().int(),
});
export type TMarketTick = z.infer<typeof ZMarketTick>;

export const ZMarketSubscription = z.strictObject({
  symbols: z.array(ZSymbol).min(1).max(20),
});
export type TMarketSubscription = z.infer<typeof ZMarketSubscription>;

export interface TPositionClosedEvent {
  position: TClosedPosition;
}

export interface TOrderUpdatedEvent {
  order: TOrder;
}

/** Ack shape for client → server events: `{data}` on success, `{error}` otherwise. */
export type TSocketResponse<T> = { data: T } | { error: { code: TErrorCode; message: string } };

/** Server → client events (architecture.md §6). */
export interface ServerToClientEvents {
  "market:tick": (tick: TMarketTick) => void;
  "account:state": (state: TStateResponse) => void;
  "position:closed": (event: TPositionClosedEvent) => void;
  /** To the owner only: placed, changed, filled, cancelled, expired or rejected. */
  "order:updated": (event: TOrderUpdatedEvent) => void;
}

/** Client → server events; payloads are zod-parsed on the server, acks are optional. */
export interface ClientToServerEvents {
  "market:subscribe": (
    payload: TMarketSubscription,
    ack?: (response: TSocketResponse<{ symbols: string[] }>) => void,
  ) => void;
  "market:unsubscribe": (
    payload: TMarketSubscription,
    ack?: (response: TSocketResponse<{ symbols: string[] }>) => void,
  ) => void;
}

/** Socket handshake auth: without a token a socket receives market data only. */
export const ZSocketAuth = z.object({ token: z.string().min(1).optional() }).optional();
