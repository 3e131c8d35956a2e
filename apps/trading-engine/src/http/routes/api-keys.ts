import type { FastifyPluginCallback } from "fastify";
import { z } from "zod";
import { ZApiKey, ZApiKeyParams, ZCreateApiKeyRequest, ZCreatedApiKey } from "@repo/shared-types/api-keys";
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
  const scope = "session";
  const tags = ["API keys"];
  const listing = { id: "7d0e…", name: "ma-bot", scopes: ["read", "trade"], keyPrefix: "tek_Ab12Cd", createdAt: 1694097600000 };
  const createDoc = {
    summary: "Create an API key (the key is shown once)",
    description: "Scopes: `[\"read\"]` (every GET and the socket's account stream) or `[\"read\", \"trade\"]`. Only the key's hash is stored.",
    tags,
    body: ZCreateApiKeyRequest,
    responses: { 201: ZCreatedApiKey },
    examples: { body: { name: "ma-bot", scopes: ["read", "trade"] }, response: { ...listing, key: "tek_Ab12Cd…" } },
  };
  const listDoc = { summary: "List the user's live API keys (never the secrets)", tags, responses: { 200: z.array(ZApiKey) }, examples: { response: [listing] } };
  const revokeDoc = {
    summary: "Revoke an API key (its sockets disconnect; it gets 401 from now on)",
    tags,
    params: ZApiKeyParams,
    responses: { 200: ZApiKey },
    errors: ["NOT_FOUND"] as const,
    examples: { response: listing },
  };
  http.post("/api/v1/api-keys", { preHandler: authenticate, config: { scope, doc: createDoc } }, (request, reply) => {
    const body = parseInput(ZCreateApiKeyRequest, request.body);
    return reply.status(201).send(apiKeys.create(userOf(request), body));
  });
  http.get("/api/v1/api-keys", { preHandler: authenticate, config: { scope, doc: listDoc } }, (request) => apiKeys.list(userOf(request)));
  http.delete("/api/v1/api-keys/:id", { preHandler: authenticate, config: { scope, doc: revokeDoc } }, (request) => {
    const { id } = parseInput(ZApiKeyParams, request.params);
    const revoked = apiKeys.revoke(userOf(request), id);
    if (revoked === null) throw new AppError("NOT_FOUND", "no such API key");
    return revoked;
  });
  done();
};
