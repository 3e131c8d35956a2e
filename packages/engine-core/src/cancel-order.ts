import { reject, type CommandEffects } from "./command-handler";
import type { AccountState, EngineState } from "./engine-state";
import { endOrder } from "./order-ledger";
import type {
  CancelAllOrdersCommand,
  CancelOrderCommand,
  Order,
  OrderValue,
  OrdersValue,
  Result,
} from "./types";

/** Cancels an open order of the account; its reserved margin returns to the balance, exactly. */
export function cancelOrder(
  state: EngineState,
  command: CancelOrderCommand,
  effects: CommandEffects,
): Result<OrderValue> {
  const account = state.accounts.get(command.accountId);
  const record = account?.orders.get(command.orderId);
  if (account === undefined || record === undefined)
    return reject("ORDER_NOT_FOUND", "no such open order");
  return {
    ok: true,
    value: { order: endOrder(state, account, record, "cancelled", command.at, effects) },
  };
}

/** Cancels every open order of an account, oldest first; reusable inside other commands (a reset). */
export function cancelAccountOrders(
  state: EngineState,
  account: AccountState,
  at: number,
  effects: CommandEffects,
): Order[] {
  const records = [...account.orders.values()].sort((a, b) => byPlacement(a.order, b.order));
  return records.map((record) => endOrder(state, account, record, "cancelled", at, effects));
}

/** The command form of cancelAccountOrders. */
export function cancelAllOrders(
  state: EngineState,
  command: CancelAllOrdersCommand,
  effects: CommandEffects,
): Result<OrdersValue> {
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return reject("NOT_FOUND", "account not found");
  return { ok: true, value: { orders: cancelAccountOrders(state, account, command.at, effects) } };
}

/** Canonical order of orders ending together (placement time, then id): replay == live. */
export function byPlacement(a: Order, b: Order): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
}
