import type { RejectCode } from "@repo/engine-core/engine";
import type { TAuthResponse, TUser } from "@repo/shared-types/api";
import type { UserStore } from "../ports";
import type { TradingService } from "../trading/trading-service";
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword, type PasswordCost } from "./password";
import { hashToken, newToken } from "./tokens";

/** A live session: who the bearer token belongs to. */
export interface Session {
  userId: string;
  tokenHash: string;
}

/** An auth outcome: a value, or a rejection with a stable code (never thrown). */
export type AuthResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: RejectCode | "EMAIL_TAKEN" | "UNAUTHENTICATED"; message: string };

export interface AuthServiceDeps {
  users: UserStore;
  /** Funds the new account in the same transaction as the user and session rows. */
  trading: TradingService;
  now: () => number;
  newId: () => string;
  /** scrypt cost (tests lower it). */
  passwordCost?: PasswordCost;
}

/** A dummy scrypt hash so a sign-in for an unknown email costs as much as a wrong password. */
const DUMMY_HASH_PROMISE = hashPassword("not-a-real-password", { N: 1024, r: 8, p: 1 });

/** Live sessions held in memory; past this many the cache starts over (it refills from SQLite). */
const SESSION_CACHE_LIMIT = 100_000;

const EMAIL_TAKEN = { ok: false, code: "EMAIL_TAKEN", message: "an account with this email exists" } as const;

/** Sign-up, sign-in, sessions: one place for REST and the Socket.IO handshake alike. */
export class AuthService {
  private readonly revokedListeners: ((tokenHash: string) => void)[] = [];
  private readonly passwordCost: PasswordCost;
  /**
   * token hash → user of a live session, so authenticated reads (GET /state) never touch SQLite.
   * Sessions are revoked only through `signout` of this process, which evicts the entry.
   */
  private readonly liveSessions = new Map<string, string>();

  constructor(private readonly deps: AuthServiceDeps) {
    this.passwordCost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
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
    const user = this.deps.users.findUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (user === null || !ok) return { ok: false, code: "UNAUTHENTICATED", message: "wrong email or password" };
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

  /** The live session of a bearer token, or null when unknown or revoked. */
  session(token: string): Session | null {
    const tokenHash = hashToken(token);
    const cached = this.liveSessions.get(tokenHash);
    if (cached !== undefined) return { userId: cached, tokenHash };
    const userId = this.deps.users.findSessionUser(tokenHash);
    if (userId === null) return null;
    if (this.liveSessions.size >= SESSION_CACHE_LIMIT) this.liveSessions.clear();
    this.liveSessions.set(tokenHash, userId);
    return { userId, tokenHash };
  }

  onSessionRevoked(listener: (tokenHash: string) => void): void {
    this.revokedListeners.push(listener);
  }
}
