import { byPlacement } from "./cancel-order";
import type { CommandEffects } from "./command-handler";
import type { EngineState, MarketState } from "./engine-state";
import { enterPosition } from "./enter-position";
import type { Price } from "./money";
import { endOrder } from "./order-ledger";
import { closingPrice, openingPrice } from "./position-math";
import type { Order } from "./types";

/**
 * Fills every order of the market the quote triggers, in placement order. A fill is at the
 * quote's opening side (long at the ask, short at the bid): the gapped price, which for a limit
 * is at or better than its price and for a stop at or beyond it. The position opens through the
 * market order's path (enter-position.ts) with the reserved margin; a fill that path refuses
 * (stops already crossed, spread beyond the margin) rejects the order with that reason and
 * releases its margin.
 */
export function fillOrders(
  state: EngineState,
  market: MarketState,
  bid: Price,
  ask: Price,
  at: number,
  effects: CommandEffects,
): Order[] {
  const triggered = market.orders.take(bid, ask);
  if (triggered.length > 1) triggered.sort((a, b) => byPlacement(a.order, b.order));
  return triggered.map((record) => {
    const order = record.order;
    const account = state.accounts.get(order.accountId);
    if (account === undefined)
      throw new Error(`engine-core: order ${order.orderId} has no account`);
    const entered = enterPosition(
      state,
      account,
      market,
      {
        // The engine makes no ids; the order's own is unique and the same on every replay.
        positionId: order.orderId,
        side: order.side,
        margin: order.margin,
        leverage: order.leverage,
        entry: openingPrice(order.side, bid, ask),
        exit: closingPrice(order.side, bid, ask),
        stopLoss: order.stopLoss,
        takeProfit: order.takeProfit,
        clientOrderId: null,
        at,
      },
      effects,
    );
    if (entered.ok)
      return endOrder(state, account, record, "filled", at, effects, { positionId: order.orderId });
    return endOrder(state, account, record, "rejected", at, effects, { reason: entered.message });
  });
}
