import type { FastifyPluginCallback } from "fastify";
import { ZApiKeyParams, ZCreateApiKeyRequest } from "@repo/shared-types/api-keys";
import type { ApiKeyService } from "../../auth/api-key-service";
import { AppError } from "../app-error";
import { userOf, type AuthenticateHook } from "../authenticate";
import { parseInput } from "../parse";

export interface ApiKeyRoutesOptions {
  apiKeys: ApiKeyService;
  authenticate: AuthenticateHook;
}

/** `/api/v1/api-keys`: a signed-in person creates, lists and revokes keys; keys themselves get 403 here. */
export const apiKeyRoutes: FastifyPluginCallback<ApiKeyRoutesOptions> = (http, { apiKeys, authenticate }, done) => {
  const config = { scope: "session" } as const;
  http.post("/api/v1/api-keys", { preHandler: authenticate, config }, (request, reply) => {
    const body = parseInput(ZCreateApiKeyRequest, request.body);
    return reply.status(201).send(apiKeys.create(userOf(request), body));
  });
  http.get("/api/v1/api-keys", { preHandler: authenticate, config }, (request) => apiKeys.list(userOf(request)));
  http.delete("/api/v1/api-keys/:id", { preHandler: authenticate, config }, (request) => {
    const { id } = parseInput(ZApiKeyParams, request.params);
    const revoked = apiKeys.revoke(userOf(request), id);
    if (revoked === null) throw new AppError("NOT_FOUND", "no such API key");
    return revoked;
  });
  done();
};
