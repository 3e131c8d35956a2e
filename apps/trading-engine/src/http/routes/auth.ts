import type { FastifyPluginCallback } from "fastify";
import { ZSigninRequest, ZSignupRequest } from "@repo/shared-types/api";
import type { AuthService } from "../../auth/auth-service";
import { userOf, type AuthenticateHook } from "../authenticate";
import { valueOf } from "../error-handler";
import { parseInput } from "../parse";

export interface AuthRoutesOptions {
  auth: AuthService;
  authenticate: AuthenticateHook;
}

/** `/api/v1/auth/*`: sign-up, sign-in, who am I, sign-out (this session or all of them). */
export const authRoutes: FastifyPluginCallback<AuthRoutesOptions> = (http, { auth, authenticate }, done) => {
  http.post("/api/v1/auth/signup", async (request, reply) => {
    const body = parseInput(ZSignupRequest, request.body);
    return reply.status(201).send(valueOf(await auth.signup(body.email, body.password)));
  });
  http.post("/api/v1/auth/signin", async (request, reply) => {
    const body = parseInput(ZSigninRequest, request.body);
    const result = await auth.signin(body.email, body.password);
    if (!result.ok && "retryAfterSeconds" in result) void reply.header("retry-after", String(result.retryAfterSeconds));
    return valueOf(result);
  });
  // Sessions are a person's: an API key gets 403 FORBIDDEN on every authenticated auth route.
  const config = { scope: "session" } as const;
  http.get("/api/v1/auth/me", { preHandler: authenticate, config }, (request) => valueOf(auth.me(userOf(request))));
  http.post("/api/v1/auth/signout", { preHandler: authenticate, config }, (request) => {
    if (request.tokenHash !== null) auth.signout(request.tokenHash);
    return { message: "Signed out" };
  });
  http.post("/api/v1/auth/signout-all", { preHandler: authenticate, config }, (request) => {
    const revoked = auth.signoutAll(userOf(request));
    return { message: "Signed out everywhere", revoked };
  });
  done();
};
