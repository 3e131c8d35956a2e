import type {
  AccountSnapshot,
  ClosedPositionSnapshot,
  EngineSnapshot,
  OrderSnapshot,
  PositionSnapshot,
} from "@repo/engine-core/snapshot";
import type { LedgerChange, LedgerStore } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

interface PositionRow {
  position_id: string;
  account_id: string;
  symbol: string;
  side: "long" | "short";
  margin: string;
  leverage: number;
  entry_price: string;
  quantity: string;
  liquidation_price: string;
  stop_loss: string | null;
  take_profit: string | null;
  opened_at: number;
  client_order_id: string | null;
}

interface ClosedPositionRow extends PositionRow {
  close_price: string;
  realized_pnl: string;
  closed_at: number;
  reason: ClosedPositionSnapshot["reason"];
}

interface AccountRow {
  account_id: string;
  usd: string;
  sol: string;
  deposits: string;
  realized_pnl: string;
  created_at: number;
}

interface OrderRow {
  order_id: string;
  account_id: string;
  symbol: string;
  side: "long" | "short";
  order_type: OrderSnapshot["orderType"];
  price: string;
  margin: string;
  leverage: number;
  stop_loss: string | null;
  take_profit: string | null;
  expires_at: number | null;
  client_order_id: string | null;
  status: OrderSnapshot["status"];
  created_at: number;
  updated_at: number;
  position_id: string | null;
  reason: string | null;
}

function toOrder(row: OrderRow): OrderSnapshot {
  return {
    orderId: row.order_id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side,
    orderType: row.order_type,
    price: row.price,
    margin: row.margin,
    leverage: row.leverage,
    stopLoss: row.stop_loss,
    takeProfit: row.take_profit,
    expiresAt: row.expires_at,
    clientOrderId: row.client_order_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    positionId: row.position_id,
    reason: row.reason,
  };
}

function orderParams(o: OrderSnapshot): OrderRow {
  return {
    order_id: o.orderId,
    account_id: o.accountId,
    symbol: o.symbol,
    side: o.side,
    order_type: o.orderType,
    price: o.price,
    margin: o.margin,
    leverage: o.leverage,
    stop_loss: o.stopLoss,
    take_profit: o.takeProfit,
    expires_at: o.expiresAt,
    client_order_id: o.clientOrderId,
    status: o.status,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    position_id: o.positionId,
    reason: o.reason,
  };
}

function toPosition(row: PositionRow): PositionSnapshot {
  return {
    positionId: row.position_id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side,
    margin: row.margin,
    leverage: row.leverage,
    entryPrice: row.entry_price,
    quantity: row.quantity,
    liquidationPrice: row.liquidation_price,
    stopLoss: row.stop_loss,
    takeProfit: row.take_profit,
    openedAt: row.opened_at,
    clientOrderId: row.client_order_id,
  };
}

function toClosedPosition(row: ClosedPositionRow): ClosedPositionSnapshot {
  return {
    ...toPosition(row),
    closePrice: row.close_price,
    realizedPnl: row.realized_pnl,
    closedAt: row.closed_at,
    reason: row.reason,
  };
}

function toAccount(r: AccountRow): AccountSnapshot {
  return {
    accountId: r.account_id,
    usd: r.usd,
    sol: r.sol,
    deposits: r.deposits,
    realizedPnl: r.realized_pnl,
    createdAt: r.created_at,
  };
}

function positionParams(p: PositionSnapshot) {
  return {
    position_id: p.positionId,
    account_id: p.accountId,
    symbol: p.symbol,
    side: p.side,
    margin: p.margin,
    leverage: p.leverage,
    entry_price: p.entryPrice,
    quantity: p.quantity,
    liquidation_price: p.liquidationPrice,
    stop_loss: p.stopLoss,
    take_profit: p.takeProfit,
    opened_at: p.openedAt,
    client_order_id: p.clientOrderId,
  };
}

const POSITION_COLUMNS =
  "position_id, account_id, symbol, side, margin, leverage, entry_price, quantity, liquidation_price, stop_loss, take_profit, opened_at, client_order_id";
const POSITION_VALUES =
  "@position_id, @account_id, @symbol, @side, @margin, @leverage, @entry_price, @quantity, @liquidation_price, @stop_loss, @take_profit, @opened_at, @client_order_id";

/** The `accounts`, `open_positions`, `closed_positions` and `orders` tables and the state hash in `meta`. */
export class SqliteLedgerStore implements LedgerStore {
  private readonly database: SqliteDatabase;
  private readonly stmts;

  constructor(database: SqliteDatabase) {
    this.database = database;
    const { db } = database;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      upsertAccount: db.prepare(
        `INSERT INTO accounts (account_id, usd, sol, deposits, realized_pnl, created_at)
         VALUES (@accountId, @usd, @sol, @deposits, @realizedPnl, @createdAt)
         ON CONFLICT(account_id) DO UPDATE SET usd = excluded.usd, sol = excluded.sol,
           deposits = excluded.deposits, realized_pnl = excluded.realized_pnl`,
      ),
      insertOpen: db.prepare(`INSERT INTO open_positions (${POSITION_COLUMNS}) VALUES (${POSITION_VALUES})`),
      deleteOpen: db.prepare("DELETE FROM open_positions WHERE position_id = ?"),
      insertClosed: db.prepare(
        `INSERT INTO closed_positions (${POSITION_COLUMNS}, close_price, realized_pnl, closed_at, reason)
         VALUES (${POSITION_VALUES}, @close_price, @realized_pnl, @closed_at, @reason)`,
      ),
      allAccounts: db.prepare<[], AccountRow>("SELECT * FROM accounts ORDER BY account_id"),
      allOpen: db.prepare<[], PositionRow>(`SELECT ${POSITION_COLUMNS} FROM open_positions ORDER BY opened_at, position_id`),
      closedWithClientOrderId: db.prepare<[], ClosedPositionRow>(
        "SELECT * FROM closed_positions WHERE client_order_id IS NOT NULL ORDER BY closed_at, position_id",
      ),
      upsertOrder: db.prepare(
        `INSERT INTO orders (order_id, account_id, symbol, side, order_type, price, margin, leverage, stop_loss,
           take_profit, expires_at, client_order_id, status, created_at, updated_at, position_id, reason)
         VALUES (@order_id, @account_id, @symbol, @side, @order_type, @price, @margin, @leverage, @stop_loss,
           @take_profit, @expires_at, @client_order_id, @status, @created_at, @updated_at, @position_id, @reason)
         ON CONFLICT(order_id) DO UPDATE SET price = excluded.price, stop_loss = excluded.stop_loss,
           take_profit = excluded.take_profit, expires_at = excluded.expires_at, status = excluded.status,
           updated_at = excluded.updated_at, position_id = excluded.position_id, reason = excluded.reason`,
      ),
      openOrders: db.prepare<[], OrderRow>("SELECT * FROM orders WHERE status = 'open' ORDER BY created_at, order_id"),
      orderHistory: db.prepare<[string, number], OrderRow>(
        "SELECT * FROM orders WHERE account_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT ?",
      ),
      findOrder: db.prepare<[string, string], OrderRow>("SELECT * FROM orders WHERE account_id = ? AND order_id = ?"),
      history: db.prepare<[string, number], ClosedPositionRow>(
        "SELECT * FROM closed_positions WHERE account_id = ? ORDER BY closed_at DESC, rowid DESC LIMIT ?",
      ),
    };
  }

  applyLedgerChange(change: LedgerChange, alongside?: () => void): void {
    this.database.transaction(() => {
      alongside?.();
      for (const account of change.accounts) this.stmts.upsertAccount.run(account);
      for (const p of change.opened) this.stmts.insertOpen.run(positionParams(p));
      for (const p of change.closed) {
        this.stmts.deleteOpen.run(p.positionId);
        this.stmts.insertClosed.run({
          ...positionParams(p),
          close_price: p.closePrice,
          realized_pnl: p.realizedPnl,
          closed_at: p.closedAt,
          reason: p.reason,
        });
      }
      for (const o of change.orders ?? []) this.stmts.upsertOrder.run(orderParams(o));
      this.stmts.setMeta.run("state_hash", change.stateHash);
    });
  }

  transaction(fn: () => void): void {
    this.database.transaction(fn);
  }

  loadSnapshot(): EngineSnapshot {
    return {
      version: 1,
      accounts: this.stmts.allAccounts.all().map(toAccount),
      openPositions: this.stmts.allOpen.all().map(toPosition),
      closedPositions: this.stmts.closedWithClientOrderId.all().map(toClosedPosition),
      orders: this.stmts.openOrders.all().map(toOrder),
    };
  }

  lastStateHash(): string | null {
    return this.stmts.getMeta.get("state_hash")?.value ?? null;
  }

  orderHistory(accountId: string, limit: number): OrderSnapshot[] {
    return this.stmts.orderHistory.all(accountId, limit).map(toOrder);
  }

  findOrder(accountId: string, orderId: string): OrderSnapshot | null {
    const row = this.stmts.findOrder.get(accountId, orderId);
    return row === undefined ? null : toOrder(row);
  }

  closedPositions(accountId: string, limit: number): ClosedPositionSnapshot[] {
    return this.stmts.history.all(accountId, limit).map(toClosedPosition);
  }
}
