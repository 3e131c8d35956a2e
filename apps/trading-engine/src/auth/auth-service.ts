import type { RejectCode } from "@repo/engine-core/engine";
import type { TAuthResponse, TUser } from "@repo/shared-types/api";
import type { UserStore } from "../ports";
import type { TradingService } from "../trading/trading-service";
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword, type PasswordCost } from "./password";
import { FailureThrottle } from "./failure-throttle";
import { hashToken, newToken } from "./tokens";

/** A live session: who the bearer token belongs to. */
export interface Session {
  userId: string;
  tokenHash: string;
}

/** An auth outcome: a value, or a rejection with a stable code (never thrown). */
export type AuthResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: RejectCode | "EMAIL_TAKEN" | "UNAUTHENTICATED"; message: string }
  /** Too many failed sign-ins for this email: try again in `retryAfterSeconds`. */
  | { ok: false; code: "RATE_LIMITED"; message: string; retryAfterSeconds: number };

export interface AuthServiceDeps {
  users: UserStore;
  /** Funds the new account in the same transaction as the user and session rows. */
  trading: TradingService;
  now: () => number;
  newId: () => string;
  /** scrypt cost (tests lower it). */
  passwordCost?: PasswordCost;
  /** Sessions older than this are refused and pruned (SESSION_TTL_HOURS). Default 168 h. */
  sessionTtlMs?: number;
  /** Failed sign-ins per email per 15 minutes before RATE_LIMITED. Default 10. */
  signinFailuresPerEmail?: number;
}

const HOUR_MS = 3_600_000;
const SIGNIN_WINDOW_MS = 15 * 60_000;

/** Live sessions held in memory; past this many the cache starts over (it refills from SQLite). */
const SESSION_CACHE_LIMIT = 100_000;

const EMAIL_TAKEN = { ok: false, code: "EMAIL_TAKEN", message: "an account with this email exists" } as const;

/** Sign-up, sign-in, sessions: one place for REST and the Socket.IO handshake alike. */
export class AuthService {
  private readonly revokedListeners: ((tokenHash: string) => void)[] = [];
  private readonly passwordCost: PasswordCost;
  private readonly sessionTtlMs: number;
  private readonly signinFailures: FailureThrottle;
  /** Verified against for unknown emails, at the configured cost, so they take as long as a wrong password. */
  private readonly dummyHash: Promise<string>;
  private lastPruneAt: number;
  /**
   * token hash → user and expiry of a live session, so authenticated reads (GET /state) never
   * touch SQLite. Revocation (signout, signout-all) happens only in this process and evicts the entry.
   */
  private readonly liveSessions = new Map<string, { userId: string; expiresAt: number }>();

  constructor(private readonly deps: AuthServiceDeps) {
    this.passwordCost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
    this.sessionTtlMs = deps.sessionTtlMs ?? 168 * HOUR_MS;
    this.signinFailures = new FailureThrottle(deps.signinFailuresPerEmail ?? 10, SIGNIN_WINDOW_MS);
    this.dummyHash = hashPassword("not-a-real-password", this.passwordCost);
    this.lastPruneAt = deps.now();
    // At boot: rows of sessions that expired while the engine was down go now.
    this.pruneSessions();
  }

  /** Deletes expired and revoked session rows; returns how many. */
  pruneSessions(): number {
    const now = this.deps.now();
    this.lastPruneAt = now;
    return this.deps.users.pruneSessions(now - this.sessionTtlMs);
  }

  /** Creates user, session and funded account in one transaction. */
  async signup(email: string, password: string): Promise<AuthResult<TAuthResponse>> {
    const { users, trading, now, newId } = this.deps;
    if (users.findUserByEmail(email) !== null) return EMAIL_TAKEN;
    const passwordHash = await hashPassword(password, this.passwordCost);
    // Re-checked synchronously after the await, so two racing sign-ups cannot both win.
    if (users.findUserByEmail(email) !== null) return EMAIL_TAKEN;
    const at = now();
    const id = newId();
    const token = newToken();
    const created = trading.createAccount(id, at, () => {
      users.insertUser({ id, email, passwordHash, createdAt: at });
      users.insertSession(hashToken(token), id, at);
    });
    if (!created.ok) return created;
    return { ok: true, value: { token, user: { id, email } } };
  }

  /** A new session for the right password; the same UNAUTHENTICATED for a wrong one or an unknown email. */
  async signin(email: string, password: string): Promise<AuthResult<TAuthResponse>> {
    // Keyed on the address whether or not it exists, so the throttle reveals nothing either.
    const throttleKey = email.toLowerCase();
    const blockedMs = this.signinFailures.blockedFor(throttleKey, this.deps.now());
    if (blockedMs > 0) {
      const retryAfterSeconds = Math.ceil(blockedMs / 1000);
      return { ok: false, code: "RATE_LIMITED", message: `too many failed sign-ins for this email; retry in ${retryAfterSeconds} s`, retryAfterSeconds };
    }
    const user = this.deps.users.findUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (user === null || !ok) {
      this.signinFailures.fail(throttleKey, this.deps.now());
      return { ok: false, code: "UNAUTHENTICATED", message: "wrong email or password" };
    }
    const token = newToken();
    this.deps.users.insertSession(hashToken(token), user.id, this.deps.now());
    return { ok: true, value: { token, user: { id: user.id, email: user.email } } };
  }

  me(userId: string): AuthResult<TUser> {
    const user = this.deps.users.findUserById(userId);
    if (user === null) return { ok: false, code: "UNAUTHENTICATED", message: "user no longer exists" };
    return { ok: true, value: { id: user.id, email: user.email } };
  }

  /** Revokes the session and tells listeners (the socket gateway disconnects its sockets). */
  signout(tokenHash: string): void {
    this.deps.users.revokeSession(tokenHash, this.deps.now());
    this.liveSessions.delete(tokenHash);
    for (const listener of this.revokedListeners) listener(tokenHash);
  }

  /** Revokes every session of the user (each listener hears every token hash); returns how many. */
  signoutAll(userId: string): number {
    const hashes = this.deps.users.revokeUserSessions(userId, this.deps.now());
    for (const tokenHash of hashes) {
      this.liveSessions.delete(tokenHash);
      for (const listener of this.revokedListeners) listener(tokenHash);
    }
    return hashes.length;
  }

  /** The live session of a bearer token, or null when unknown, revoked or older than SESSION_TTL_HOURS. */
  session(token: string): Session | null {
    const now = this.deps.now();
    // Lazy pruning: at most one DELETE an hour, on the request path, with no timer to clean up.
    if (now - this.lastPruneAt >= HOUR_MS) this.pruneSessions();
    const tokenHash = hashToken(token);
    const cached = this.liveSessions.get(tokenHash);
    if (cached !== undefined && now < cached.expiresAt) return { userId: cached.userId, tokenHash };
    const found = this.deps.users.findSession(tokenHash, now - this.sessionTtlMs);
    if (found === null) {
      this.liveSessions.delete(tokenHash);
      return null;
    }
    if (this.liveSessions.size >= SESSION_CACHE_LIMIT) this.liveSessions.clear();
    this.liveSessions.set(tokenHash, { userId: found.userId, expiresAt: found.createdAt + this.sessionTtlMs + 1 });
    return { userId: found.userId, tokenHash };
  }

  onSessionRevoked(listener: (tokenHash: string) => void): void {
    this.revokedListeners.push(listener);
  }
}
