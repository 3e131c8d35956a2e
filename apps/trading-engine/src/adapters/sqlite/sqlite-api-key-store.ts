import { ZApiKeyScope } from "@repo/shared-types/api-keys";
import type { ApiKeyRecord, ApiKeyStore } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  scopes: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  revoked_at: number | null;
}

const COLUMNS = "id, user_id, name, scopes, key_hash, key_prefix, created_at, revoked_at";

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    // Written by insertApiKey from validated scopes; parsed so a hand-edited row cannot widen a key.
    scopes: ZApiKeyScope.array().parse(row.scopes.split(",")),
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** The `api_keys` table; scopes are stored comma-separated. */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly stmts;

  constructor(database: SqliteDatabase) {
    const { db } = database;
    this.stmts = {
      insert: db.prepare(
        "INSERT INTO api_keys (id, user_id, name, scopes, key_hash, key_prefix, created_at) VALUES (@id, @userId, @name, @scopes, @keyHash, @keyPrefix, @createdAt)",
      ),
      byHash: db.prepare<[string], ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`),
      byUser: db.prepare<[string], ApiKeyRow>(
        `SELECT ${COLUMNS} FROM api_keys WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC`,
      ),
      revoke: db.prepare<[number, string, string], ApiKeyRow>(
        `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      ),
    };
  }

  insertApiKey(record: ApiKeyRecord): void {
    this.stmts.insert.run({ ...record, scopes: record.scopes.join(",") });
  }

  findLiveApiKey(keyHash: string): ApiKeyRecord | null {
    const row = this.stmts.byHash.get(keyHash);
    return row === undefined ? null : toRecord(row);
  }

  listLiveApiKeys(userId: string): ApiKeyRecord[] {
    return this.stmts.byUser.all(userId).map(toRecord);
  }

  revokeApiKey(userId: string, id: string, at: number): ApiKeyRecord | null {
    const row = this.stmts.revoke.get(at, id, userId);
    return row === undefined ? null : toRecord(row);
  }
}
