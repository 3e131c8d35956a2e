import type { FastifyPluginCallback } from "fastify";
import { ZAuthResponse, ZSigninRequest, ZSignoutAllResponse, ZSignoutResponse, ZSignupRequest, ZUser } from "@repo/shared-types/api";
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
  const tags = ["Auth"];
  const authExample = { token: "<session token>", user: { id: "4f1c…", email: "alice@example.com" } };
  const signupDoc = {
    summary: "Create an account (USD 10000) and a session",
    tags,
    body: ZSignupRequest,
    responses: { 201: ZAuthResponse },
    errors: ["EMAIL_TAKEN"] as const,
    examples: { body: { email: "alice@example.com", password: "correct horse battery" }, response: authExample },
  };
  const signinDoc = {
    summary: "Sign in: a new session token",
    description: "Wrong email or password is 401; too many failures for one email is 429 with Retry-After.",
    tags,
    body: ZSigninRequest,
    responses: { 200: ZAuthResponse },
    errors: ["UNAUTHENTICATED"] as const,
    examples: { body: { email: "alice@example.com", password: "correct horse battery" }, response: authExample },
  };
  http.post("/api/v1/auth/signup", { config: { doc: signupDoc } }, async (request, reply) => {
    const body = parseInput(ZSignupRequest, request.body);
    return reply.status(201).send(valueOf(await auth.signup(body.email, body.password)));
  });
  http.post("/api/v1/auth/signin", { config: { doc: signinDoc } }, async (request, reply) => {
    const body = parseInput(ZSigninRequest, request.body);
    const result = await auth.signin(body.email, body.password);
    if (!result.ok && "retryAfterSeconds" in result) void reply.header("retry-after", String(result.retryAfterSeconds));
    return valueOf(result);
  });
  // Sessions are a person's: an API key gets 403 FORBIDDEN on every authenticated auth route.
  const scope = "session";
  const meDoc = { summary: "The signed-in user", tags, responses: { 200: ZUser } };
  const signoutDoc = { summary: "Revoke this session (its sockets disconnect)", tags, responses: { 200: ZSignoutResponse } };
  const signoutAllDoc = { summary: "Revoke every session of the user (API keys stay)", tags, responses: { 200: ZSignoutAllResponse } };
  http.get("/api/v1/auth/me", { preHandler: authenticate, config: { scope, doc: meDoc } }, (request) => valueOf(auth.me(userOf(request))));
  http.post("/api/v1/auth/signout", { preHandler: authenticate, config: { scope, doc: signoutDoc } }, (request) => {
    if (request.tokenHash !== null) auth.signout(request.tokenHash);
    return { message: "Signed out" };
  });
  http.post("/api/v1/auth/signout-all", { preHandler: authenticate, config: { scope, doc: signoutAllDoc } }, (request) => {
    const revoked = auth.signoutAll(userOf(request));
    return { message: "Signed out everywhere", revoked };
  });
  done();
};
