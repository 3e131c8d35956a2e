import type { UserRecord, UserStore } from "../../ports";
import type { SqliteDatabase } from "./sqlite-database";

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
}

function toUser(row: UserRow | undefined): UserRecord | null {
  return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at } : null;
}

/** The `users` and `sessions` tables. */
export class SqliteUserStore implements UserStore {
  private readonly stmts;

  constructor(database: SqliteDatabase) {
    const { db } = database;
    this.stmts = {
      insertUser: db.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES (@id, @email, @passwordHash, @createdAt)"),
      userByEmail: db.prepare<[string], UserRow>("SELECT id, email, password_hash, created_at FROM users WHERE email = ?"),
      userById: db.prepare<[string], UserRow>("SELECT id, email, password_hash, created_at FROM users WHERE id = ?"),
      insertSession: db.prepare("INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)"),
      sessionUser: db.prepare<[string, number], { user_id: string; created_at: number }>(
        "SELECT user_id, created_at FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND created_at >= ?",
      ),
      revokeSession: db.prepare("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL"),
      revokeUserSessions: db.prepare<[number, string], { token_hash: string }>(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING token_hash",
      ),
      pruneSessions: db.prepare("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR created_at < ?"),
    };
  }

  insertUser(user: UserRecord): void {
    this.stmts.insertUser.run(user);
  }

  findUserByEmail(email: string): UserRecord | null {
    return toUser(this.stmts.userByEmail.get(email));
  }

  findUserById(id: string): UserRecord | null {
    return toUser(this.stmts.userById.get(id));
  }

  insertSession(tokenHash: string, userId: string, at: number): void {
    this.stmts.insertSession.run(tokenHash, userId, at);
  }

  findSession(tokenHash: string, notBefore: number): { userId: string; createdAt: number } | null {
    const row = this.stmts.sessionUser.get(tokenHash, notBefore);
    return row === undefined ? null : { userId: row.user_id, createdAt: row.created_at };
  }

  revokeSession(tokenHash: string, at: number): boolean {
    return this.stmts.revokeSession.run(at, tokenHash).changes > 0;
  }

  revokeUserSessions(userId: string, at: number): string[] {
    return this.stmts.revokeUserSessions.all(at, userId).map((row) => row.token_hash);
  }

  pruneSessions(before: number): number {
    return this.stmts.pruneSessions.run(before).changes;
  }
}
