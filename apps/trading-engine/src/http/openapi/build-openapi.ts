import { z } from "zod";
import { ERROR_STATUS, type TErrorCode } from "@repo/shared-types/errors";
import { requiredScope, type RouteScope } from "../authenticate";
import type { CatalogRoute } from "./route-catalog";
import type { RawResponseDoc, RouteDoc } from "./route-doc";

type JsonSchema = Record<string, unknown>;
type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed in the current window (the tighter of the per-IP and per-user budgets).", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window starts over.", schema: { type: "integer" } },
  "X-Request-Id": { description: "The request's id: yours when you sent a sane X-Request-Id (1-128 of A-Z a-z 0-9 . _ : -), else a new UUID. It is in the engine's logs.", schema: { type: "string" } },
} as const;

const SCOPE_TEXT: Record<RouteScope, string> = {
  read: "Needs a session, or an API key with the `read` scope.",
  trade: "Needs a session, or an API key with the `trade` scope (a `read` key gets 403 FORBIDDEN).",
  session: "Needs a signed-in person's session: API keys get 403 FORBIDDEN.",
};

const DESCRIPTION = [
  "The trading engine's REST API (a CFD demo venue). Every error is `{\"error\": {\"code\", \"message\"}}` with a stable code;",
  "numbers in responses are JSON numbers (USD to the cent); money in requests may be a JSON number or a plain decimal string, never an exponent.",
  "",
  "**Credentials**: `Authorization: Bearer <token>` with a session token (`POST /api/v1/auth/signin`) or an API key",
  "(`POST /api/v1/api-keys`, scopes `read` or `read`+`trade`; the key is shown once). Keys cannot manage keys or sessions.",
  "",
  "**Conventions**: `Idempotency-Key` means the same as `clientOrderId` (both given and different is 400 INVALID_REQUEST);",
  "`RateLimit-Limit`/`-Remaining`/`-Reset` on every response and `Retry-After` on 429; `X-Request-Id` echoed.",
  "",
  "**Realtime**: Socket.IO on the same port, `io(url, { auth: { token } })` with a session token or an API key;",
  "events `market:tick`, `account:state`, `position:closed` (typed in `@repo/shared-types/socket`).",
].join("\n");

/** `/api/v1/api-keys/:id` → `/api/v1/api-keys/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function isRaw(response: z.ZodType | RawResponseDoc): response is RawResponseDoc {
  return "contentType" in response && typeof response.contentType === "string";
}

/** Each property of an object schema as an OpenAPI parameter `in` path or query. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, "input");
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: where, required: where === "path" || required.has(name), schema: propertySchema, ...(typeof description === "string" ? { description } : {}) };
  });
}

/** The codes a route can answer: its own plus those its shape implies. */
function errorCodes(route: CatalogRoute, doc: RouteDoc, scope: RouteScope): TErrorCode[] {
  const codes = new Set<TErrorCode>();
  if (doc.body !== undefined || doc.query !== undefined || doc.params !== undefined) codes.add("INVALID_REQUEST");
  if (route.authenticated) {
    codes.add("UNAUTHENTICATED");
    // A read key may call every read route; only `trade` and `session` routes refuse keys.
    if (scope !== "read") codes.add("FORBIDDEN");
  }
  for (const code of doc.errors ?? []) codes.add(code);
  codes.add("RATE_LIMITED");
  codes.add("SERVICE_UNAVAILABLE");
  return [...codes];
}

function errorResponses(codes: readonly TErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, TErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes.join(" / "),
      headers: status === 429 ? { ...rateLimitHeaderRefs(), "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } } : rateLimitHeaderRefs(),
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["error"],
            properties: {
              error: {
                type: "object",
                required: ["code", "message"],
                properties: { code: { type: "string", enum: statusCodes }, message: { type: "string" } },
              },
            },
          },
          examples: Object.fromEntries(statusCodes.map((code) => [code, { value: { error: { code, message: "a message for people" } } }])),
        },
      },
    };
  }
  return responses;
}

function rateLimitHeaderRefs(): Record<string, { $ref: string }> {
  return Object.fromEntries(Object.keys(RATE_LIMIT_HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

function successResponses(doc: RouteDoc): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    if (isRaw(response)) {
      responses[status] = { description: response.description, headers: rateLimitHeaderRefs(), content: { [response.contentType]: { schema: { type: "string" } } } };
      continue;
    }
    const media: Record<string, unknown> = { schema: jsonSchema(response, "output") };
    if (doc.examples?.response !== undefined) media.example = doc.examples.response;
    responses[status] = { description: doc.summary, headers: rateLimitHeaderRefs(), content: { "application/json": media } };
  }
  return responses;
}

function operation(route: CatalogRoute, doc: RouteDoc): Record<string, unknown> {
  const scope = requiredScope(route.method, route.scope);
  const body = doc.body === undefined ? undefined : jsonSchema(doc.body, "input");
  const params = [...parameters(doc.params, "path"), ...parameters(doc.query, "query")];
  const bodyProperties = (body?.properties ?? {}) as Record<string, unknown>;
  // Every route whose body takes a clientOrderId accepts the Idempotency-Key header for it.
  if ("clientOrderId" in bodyProperties) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Means the same as the body's `clientOrderId`; both given and different is 400 INVALID_REQUEST.",
      schema: bodyProperties.clientOrderId,
    });
  }
  const description = [doc.description, route.authenticated ? SCOPE_TEXT[scope] : "Public: no credential needed."].filter(Boolean).join("\n\n");
  return {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.url).replace(/[{}]/g, "").split(/[/_-]/).filter(Boolean).map((part) => part[0]?.toUpperCase() + part.slice(1)).join("")}`,
    summary: doc.summary,
    description,
    tags: doc.tags,
    ...(route.authenticated ? { security: [{ bearer: [] }], "x-api-key-scope": scope } : { security: [] }),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body === undefined
      ? {}
      : { requestBody: { required: true, content: { "application/json": { schema: body, ...(doc.examples?.body === undefined ? {} : { example: doc.examples.body }) } } } }),
    responses: { ...successResponses(doc), ...errorResponses(errorCodes(route, doc, scope)) },
  };
}

/**
 * The OpenAPI 3.1 document of every documented route in `routes` (as registered, in order).
 * Routes without a `doc` are left out; the completeness test names them.
 */
export function buildOpenApi(routes: readonly CatalogRoute[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const tags = new Set<string>();
  for (const route of routes) {
    if (route.doc === undefined || route.doc === "hidden") continue;
    const path = (paths[openApiPath(route.url)] ??= {});
    path[route.method.toLowerCase()] = operation(route, route.doc);
    for (const tag of route.doc.tags) tags.add(tag);
  }
  return {
    openapi: "3.1.0",
    info: { title: "Trading engine API", version: "1.0.0", description: DESCRIPTION, license: { name: "MIT", identifier: "MIT" } },
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A session token (sign in) or an API key (`tek_…`)." },
      },
      headers: RATE_LIMIT_HEADERS,
    },
  };
}

/** `METHOD url` of every registered route the document lacks (hidden assets aside). */
export function undocumentedRoutes(routes: readonly CatalogRoute[], document: OpenApiDocument): string[] {
  return routes
    .filter((route) => route.doc !== "hidden" && document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()] === undefined)
    .map((route) => `${route.method} ${route.url}`);
}
