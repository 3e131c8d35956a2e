import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TApiKeyScope } from "@repo/shared-types/api-keys";
import type { Credential } from "../auth/credentials";
import { bearerToken } from "../auth/tokens";
import { AppError } from "./app-error";
import { markAuthenticateHook } from "./openapi/route-catalog";
import type { FixedWindowLimiter } from "./rate-limiter";

/**
 * What a route needs of an API key: `read`, `trade`, or `session` (a signed-in person only: keys
 * are refused). Undeclared, a GET needs `read` and anything else `trade`, so a new mutating
 * route is closed to read keys by default.
 */
export type RouteScope = TApiKeyScope | "session";

declare module "fastify" {
  interface FastifyRequest {
    userId: string | null;
    tokenHash: string | null;
  }
  interface FastifyContextConfig {
    /** What an API key needs for this route (see RouteScope); sessions may call every route. */
    scope?: RouteScope;
  }
}

/** A route-level auth hook (`{ preHandler: authenticate }`). */
export type AuthenticateHook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

export interface AuthenticateDeps {
  /** Resolves a bearer token (a session token or an API key) to its live credential. */
  session: (token: string) => Credential | null;
  /** Per-user request budget, counted once the token is known. */
  userLimiter: FixedWindowLimiter;
}

/** Declares `request.userId` / `request.tokenHash` on the root instance (once, before any route). */
export function decorateAuth(http: FastifyInstance): void {
  http.decorateRequest("userId", null);
  http.decorateRequest("tokenHash", null);
}

/** The scope a request to this route needs from an API key. */
export function requiredScope(method: string, declared: RouteScope | undefined): RouteScope {
  if (declared !== undefined) return declared;
  return method === "GET" || method === "HEAD" ? "read" : "trade";
}

function keyAllows(scopes: readonly TApiKeyScope[], required: RouteScope): boolean {
  return required !== "session" && scopes.includes(required);
}

/**
 * Bearer token → credential → scope → per-user rate limit; 401 UNAUTHENTICATED, 403 FORBIDDEN
 * (an API key without the route's scope) or 429 RATE_LIMITED otherwise.
 */
export function createAuthenticate(deps: AuthenticateDeps): AuthenticateHook {
  return markAuthenticateHook<AuthenticateHook>((request, reply, done) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) return done(new AppError("UNAUTHENTICATED", "missing or malformed bearer token"));
    let credential: Credential | null;
    try {
      credential = deps.session(token);
    } catch (error) {
      return done(error instanceof Error ? error : new Error(String(error)));
    }
    if (credential === null) return done(new AppError("UNAUTHENTICATED", "invalid or revoked token"));
    if (credential.apiKey !== undefined) {
      const required = requiredScope(request.method, request.routeOptions.config.scope);
      if (!keyAllows(credential.apiKey.scopes, required)) {
        const message =
          required === "session"
            ? "API keys cannot call this route: keys and sessions are managed by a signed-in person"
            : `this API key lacks the "${required}" scope`;
        return done(new AppError("FORBIDDEN", message));
      }
    }
    const verdict = deps.userLimiter.take(credential.userId);
    reportBudget(reply, verdict);
    if (!verdict.allowed) {
      void reply.header("retry-after", String(verdict.resetSeconds));
      return done(new AppError("RATE_LIMITED", "too many requests for this user"));
    }
    request.userId = credential.userId;
    request.tokenHash = credential.tokenHash;
    done();
  });
}

/** The RateLimit-* headers state the tighter of the per-IP budget (already set) and the user's. */
function reportBudget(reply: FastifyReply, verdict: { limit: number; remaining: number; resetSeconds: number }): void {
  const ipRemaining = Number(reply.getHeader("ratelimit-remaining") ?? Number.POSITIVE_INFINITY);
  if (verdict.remaining >= ipRemaining) return;
  void reply.header("ratelimit-limit", String(verdict.limit));
  void reply.header("ratelimit-remaining", String(verdict.remaining));
  void reply.header("ratelimit-reset", String(verdict.resetSeconds));
}

/** The signed-in user of an authenticated route. */
export function userOf(request: FastifyRequest): string {
  if (request.userId === null) throw new AppError("UNAUTHENTICATED", "not signed in");
  return request.userId;
}
