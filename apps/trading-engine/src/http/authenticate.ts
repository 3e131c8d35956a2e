import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Session } from "../auth/auth-service";
import { bearerToken } from "../auth/tokens";
import { AppError } from "./app-error";
import type { FixedWindowLimiter } from "./rate-limiter";

declare module "fastify" {
  interface FastifyRequest {
    userId: string | null;
    tokenHash: string | null;
  }
}

/** A route-level auth hook (`{ preHandler: authenticate }`). */
export type AuthenticateHook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

export interface AuthenticateDeps {
  /** Resolves a bearer token to its live session (the AuthService). */
  session: (token: string) => Session | null;
  /** Per-user request budget, counted once the token is known. */
  userLimiter: FixedWindowLimiter;
}

/** Declares `request.userId` / `request.tokenHash` on the root instance (once, before any route). */
export function decorateAuth(http: FastifyInstance): void {
  http.decorateRequest("userId", null);
  http.decorateRequest("tokenHash", null);
}

/** Bearer token → session → per-user rate limit; 401 UNAUTHENTICATED / 429 RATE_LIMITED otherwise. */
export function createAuthenticate(deps: AuthenticateDeps): AuthenticateHook {
  return (request, _reply, done) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) return done(new AppError("UNAUTHENTICATED", "missing or malformed bearer token"));
    let session: Session | null;
    try {
      session = deps.session(token);
    } catch (error) {
      return done(error instanceof Error ? error : new Error(String(error)));
    }
    if (session === null) return done(new AppError("UNAUTHENTICATED", "invalid or revoked token"));
    if (!deps.userLimiter.hit(session.userId)) return done(new AppError("RATE_LIMITED", "too many requests for this user"));
    request.userId = session.userId;
    request.tokenHash = session.tokenHash;
    done();
  };
}

/** The signed-in user of an authenticated route. */
export function userOf(request: FastifyRequest): string {
  if (request.userId === null) throw new AppError("UNAUTHENTICATED", "not signed in");
  return request.userId;
}
