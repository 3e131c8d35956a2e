import type { CommandEffects } from "./command-handler";
import type { EngineState } from "./engine-state";
import { byPlacement } from "./cancel-order";
import { endOrder } from "./order-ledger";
import type { OrderRecord } from "./order-record";
import type { ExpireOrdersCommand, Order, OrdersValue, Result } from "./types";

/**
 * Expires every open order whose expiresAt is at or before `at`, from the expiry heap: O(1) when
 * none is due, O(k log n) for k. They end in a canonical order (expiry, then placement), not the
 * heap's, which depends on insertion history: a restored engine must emit the same events.
 */
export function expireDueOrders(state: EngineState, at: number, effects: CommandEffects): Order[] {
  const due: OrderRecord[] = [];
  for (
    let top = state.orderExpiry.peek();
    top !== undefined && top.order.expiresAt !== null && top.order.expiresAt <= at;
    top = state.orderExpiry.peek()
  ) {
    state.orderExpiry.pop();
    due.push(top);
  }
  if (due.length > 1) due.sort(byExpiry);
  return due.map((record) => {
    const account = state.accounts.get(record.order.accountId);
    if (account === undefined)
      throw new Error(`engine-core: order ${record.order.orderId} has no account`);
    return endOrder(state, account, record, "expired", at, effects);
  });
}

function byExpiry(a: OrderRecord, b: OrderRecord): number {
  const ea = a.order.expiresAt ?? 0;
  const eb = b.order.expiresAt ?? 0;
  return ea !== eb ? ea - eb : byPlacement(a.order, b.order);
}

/** The clock command: time enters the engine only through commands, so the service sends it. */
export function expireOrders(
  state: EngineState,
  command: ExpireOrdersCommand,
  effects: CommandEffects,
): Result<OrdersValue> {
  return { ok: true, value: { orders: expireDueOrders(state, command.at, effects) } };
}
