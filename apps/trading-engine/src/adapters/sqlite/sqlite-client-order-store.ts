import type { ClientOrderRecord, ClientOrderStore } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

interface ClientOrderRow {
  fingerprint: string;
  position_id: string;
  created_at: number;
}

/** The `client_orders` table (primary key account_id, client_order_id). */
export class SqliteClientOrderStore implements ClientOrderStore {
  private readonly stmts;

  constructor(database: SqliteDatabase) {
    const { db } = database;
    this.stmts = {
      find: db.prepare<[string, string], ClientOrderRow>(
        "SELECT fingerprint, position_id, created_at FROM client_orders WHERE account_id = ? AND client_order_id = ?",
      ),
      insert: db.prepare(
        "INSERT INTO client_orders (account_id, client_order_id, fingerprint, position_id, created_at) VALUES (@accountId, @clientOrderId, @fingerprint, @positionId, @createdAt)",
      ),
      prune: db.prepare<[number]>("DELETE FROM client_orders WHERE created_at < ?"),
    };
  }

  findClientOrder(accountId: string, clientOrderId: string): ClientOrderRecord | null {
    const row = this.stmts.find.get(accountId, clientOrderId);
    return row === undefined ? null : { accountId, clientOrderId, fingerprint: row.fingerprint, positionId: row.position_id, createdAt: row.created_at };
  }

  insertClientOrder(record: ClientOrderRecord): void {
    this.stmts.insert.run(record);
  }

  pruneClientOrders(before: number): number {
    return this.stmts.prune.run(before).changes;
  }
}
