import type {
  AccountSnapshot,
  AlertSnapshot,
  ClosedPositionSnapshot,
  EngineSnapshot,
  OrderSnapshot,
  PositionSnapshot,
} from "@repo/engine-core/snapshot";
import type { AlertRecord, BalancePointRecord, HistoryFilter, LedgerChange, LedgerStore } from "../../ports";
import type { Statement } from "better-sqlite3";
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
  trailing_distance: string | null;
  trailing_level: string | null;
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
  withdrawals: string;
  realized_pnl: string;
  created_at: number;
}

interface AlertRow {
  alert_id: string;
  account_id: string;
  symbol: string;
  condition: "above" | "below";
  price: string;
  created_at: number;
  triggered_at: number | null;
  triggered_price: string | null;
}

interface BalanceRow {
  account_id: string;
  time: number;
  balance: string;
  reason: BalancePointRecord["reason"];
}

function toAlert(row: AlertRow): AlertRecord {
  return {
    alertId: row.alert_id,
    accountId: row.account_id,
    symbol: row.symbol,
    condition: row.condition,
    price: row.price,
    createdAt: row.created_at,
    triggeredAt: row.triggered_at,
    triggeredPrice: row.triggered_price,
  };
}

function toArmedAlert(row: AlertRow): AlertSnapshot {
  return { alertId: row.alert_id, accountId: row.account_id, symbol: row.symbol, condition: row.condition, price: row.price, createdAt: row.created_at };
}

function toBalancePoint(row: BalanceRow): BalancePointRecord {
  return { accountId: row.account_id, time: row.time, balance: row.balance, reason: row.reason };
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
    trailingStop:
      row.trailing_distance === null || row.trailing_level === null
        ? null
        : { distance: row.trailing_distance, level: row.trailing_level },
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
    withdrawals: r.withdrawals,
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
    trailing_distance: p.trailingStop?.distance ?? null,
    trailing_level: p.trailingStop?.level ?? null,
  };
}

const POSITION_COLUMNS =
  "position_id, account_id, symbol, side, margin, leverage, entry_price, quantity, liquidation_price, stop_loss, take_profit, opened_at, client_order_id, trailing_distance, trailing_level";
const POSITION_VALUES =
  "@position_id, @account_id, @symbol, @side, @margin, @leverage, @entry_price, @quantity, @liquidation_price, @stop_loss, @take_profit, @opened_at, @client_order_id, @trailing_distance, @trailing_level";

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
        `INSERT INTO accounts (account_id, usd, sol, deposits, withdrawals, realized_pnl, created_at)
         VALUES (@accountId, @usd, @sol, @deposits, @withdrawals, @realizedPnl, @createdAt)
         ON CONFLICT(account_id) DO UPDATE SET usd = excluded.usd, sol = excluded.sol,
           deposits = excluded.deposits, withdrawals = excluded.withdrawals, realized_pnl = excluded.realized_pnl`,
      ),
      insertOpen: db.prepare(`INSERT INTO open_positions (${POSITION_COLUMNS}) VALUES (${POSITION_VALUES})`),
      deleteOpen: db.prepare("DELETE FROM open_positions WHERE position_id = ?"),
      // What a position can change while open: margin and quantity (partial close), the stored
      // liquidation price recomputed from them, and its stops.
      insertOpenOrUpdate: db.prepare(
        `INSERT INTO open_positions (${POSITION_COLUMNS}) VALUES (${POSITION_VALUES})
         ON CONFLICT(position_id) DO UPDATE SET margin = excluded.margin, quantity = excluded.quantity,
           liquidation_price = excluded.liquidation_price, stop_loss = excluded.stop_loss,
           take_profit = excluded.take_profit, trailing_distance = excluded.trailing_distance,
           trailing_level = excluded.trailing_level`,
      ),
      insertClosed: db.prepare(
        `INSERT INTO closed_positions (${POSITION_COLUMNS}, close_price, realized_pnl, closed_at, reason)
         VALUES (${POSITION_VALUES}, @close_price, @realized_pnl, @closed_at, @reason)`,
      ),
      allAccounts: db.prepare<[], AccountRow>("SELECT * FROM accounts ORDER BY account_id"),
      allOpen: db.prepare<[], PositionRow>(`SELECT ${POSITION_COLUMNS} FROM open_positions ORDER BY opened_at, position_id`),
      // The engine keeps the final close of a position with a clientOrderId: the last row of a
      // position no longer open (earlier rows are partial closes).
      closedWithClientOrderId: db.prepare<[], ClosedPositionRow>(
        `SELECT * FROM closed_positions c WHERE client_order_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM open_positions o WHERE o.position_id = c.position_id)
           AND c.id = (SELECT MAX(id) FROM closed_positions d WHERE d.position_id = c.position_id)
         ORDER BY closed_at, position_id`,
      ),
      // A position closed in parts has a row per part; the last one is its final close.
      closedById: db.prepare<[string, string], ClosedPositionRow>(
        "SELECT * FROM closed_positions WHERE position_id = ? AND account_id = ? ORDER BY id DESC LIMIT 1",
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
      realizedPnls: db.prepare<[string], { realized_pnl: string }>(
        "SELECT realized_pnl FROM closed_positions WHERE account_id = ? ORDER BY closed_at, rowid",
      ),
      insertBalancePoint: db.prepare("INSERT INTO balance_history (account_id, time, balance, reason) VALUES (@accountId, @time, @balance, @reason)"),
      balanceHistory: db.prepare<[string, number], BalanceRow>(
        "SELECT * FROM (SELECT * FROM balance_history WHERE account_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
      ),
      insertAlert: db.prepare(
        "INSERT INTO alerts (alert_id, account_id, symbol, condition, price, created_at) VALUES (@alertId, @accountId, @symbol, @condition, @price, @createdAt)",
      ),
      deleteAlert: db.prepare("DELETE FROM alerts WHERE alert_id = ?"),
      triggerAlert: db.prepare("UPDATE alerts SET triggered_at = @triggeredAt, triggered_price = @price WHERE alert_id = @alertId"),
      armedAlerts: db.prepare<[], AlertRow>("SELECT * FROM alerts WHERE triggered_at IS NULL ORDER BY created_at, alert_id"),
      accountAlerts: db.prepare<[string], AlertRow>("SELECT * FROM alerts WHERE account_id = ? ORDER BY created_at DESC, alert_id DESC"),
    };
  }

  /** One prepared history query per filter combination (at most 8), built on first use. */
  private readonly historyQueries = new Map<string, Statement<Record<string, unknown>, ClosedPositionRow>>();

  private historyQuery(filter: HistoryFilter): Statement<Record<string, unknown>, ClosedPositionRow> {
    const conditions = ["account_id = @accountId"];
    if (filter.before !== undefined) conditions.push("closed_at < @before");
    if (filter.symbol !== undefined) conditions.push("symbol = @symbol");
    if (filter.reason !== undefined) conditions.push("reason = @reason");
    const where = conditions.join(" AND ");
    let statement = this.historyQueries.get(where);
    if (statement === undefined) {
      // The page is every row at or after the closedAt of the `limit`-th one, so rows sharing
      // that instant all land on this page and `before` = the oldest closedAt shown loses none.
      statement = this.database.db.prepare<Record<string, unknown>, ClosedPositionRow>(
        `SELECT * FROM closed_positions WHERE ${where} AND closed_at >= COALESCE(
           (SELECT closed_at FROM closed_positions WHERE ${where} ORDER BY closed_at DESC, rowid DESC LIMIT 1 OFFSET @offset), 0)
         ORDER BY closed_at DESC, rowid DESC`,
      );
      this.historyQueries.set(where, statement);
    }
    return statement;
  }

  applyLedgerChange(change: LedgerChange, alongside?: () => void): void {
    this.database.transaction(() => {
      alongside?.();
      for (const account of change.accounts) this.stmts.upsertAccount.run(account);
      for (const p of change.opened) this.stmts.insertOpen.run(positionParams(p));
      for (const p of change.closed) {
        // A partial close leaves the row open; `updated` (below) then writes what remains.
        this.stmts.deleteOpen.run(p.positionId);
        this.stmts.insertClosed.run({
          ...positionParams(p),
          close_price: p.closePrice,
          realized_pnl: p.realizedPnl,
          closed_at: p.closedAt,
          reason: p.reason,
        });
      }
      for (const point of change.balancePoints ?? []) this.stmts.insertBalancePoint.run(point);
      for (const alert of change.alertsPlaced ?? []) this.stmts.insertAlert.run(alert);
      for (const alertId of change.alertsRemoved ?? []) this.stmts.deleteAlert.run(alertId);
      for (const fired of change.alertsTriggered ?? []) this.stmts.triggerAlert.run(fired);
      for (const o of change.orders ?? []) this.stmts.upsertOrder.run(orderParams(o));
      for (const p of change.updated ?? []) this.stmts.insertOpenOrUpdate.run(positionParams(p));
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
      alerts: this.stmts.armedAlerts.all().map(toArmedAlert),
      orders: this.stmts.openOrders.all().map(toOrder),
    };
  }

  closedWithClientOrderId(): ClosedPositionSnapshot[] {
    return this.stmts.closedWithClientOrderId.all().map(toClosedPosition);
  }

  closedPosition(accountId: string, positionId: string): ClosedPositionSnapshot | null {
    const row = this.stmts.closedById.get(positionId, accountId);
    return row === undefined ? null : toClosedPosition(row);
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

  closedPositions(accountId: string, limit: number, filter: HistoryFilter = {}): ClosedPositionSnapshot[] {
    const params = { accountId, offset: limit - 1, before: filter.before, symbol: filter.symbol, reason: filter.reason };
    const bound = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    return this.historyQuery(filter).all(bound).map(toClosedPosition);
  }

  realizedPnls(accountId: string): string[] {
    return this.stmts.realizedPnls.all(accountId).map((row) => row.realized_pnl);
  }

  balanceHistory(accountId: string, limit: number): BalancePointRecord[] {
    return this.stmts.balanceHistory.all(accountId, limit).map(toBalancePoint);
  }

  alerts(accountId: string): AlertRecord[] {
    return this.stmts.accountAlerts.all(accountId).map(toAlert);
  }
}
