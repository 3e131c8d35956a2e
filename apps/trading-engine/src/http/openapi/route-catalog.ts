import type { FastifyInstance, RouteOptions } from "fastify";
import type { RouteScope } from "../authenticate";
import type { RouteDoc } from "./route-doc";

/** A route as fastify registered it, with what the OpenAPI document needs to know of it. */
export interface CatalogRoute {
  method: string;
  /** fastify's path (`/api/v1/api-keys/:id`). */
  url: string;
  doc: RouteDoc | "hidden" | undefined;
  scope: RouteScope | undefined;
  authenticated: boolean;
}

/** Hooks fastify itself adds (HEAD for every GET, the CORS preflight) are not the API's routes. */
function isApiRoute(route: RouteOptions): boolean {
  return route.method !== "HEAD" && route.method !== "OPTIONS";
}

const authenticateHooks = new WeakSet<object>();

/** Marks a preHandler as the bearer-token check, so the catalog knows which routes need a credential. */
export function markAuthenticateHook<T extends object>(hook: T): T {
  authenticateHooks.add(hook);
  return hook;
}

function hasAuthenticate(route: RouteOptions): boolean {
  const hooks = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
  return hooks.some((hook: unknown) => typeof hook === "function" && authenticateHooks.has(hook));
}

/**
 * Collects every route registered on `http` from now on (fastify's onRoute hook), in order.
 * Register it before any route: the OpenAPI document and its completeness test read this list.
 */
export function collectRoutes(http: FastifyInstance): CatalogRoute[] {
  const routes: CatalogRoute[] = [];
  http.addHook("onRoute", (route) => {
    if (!isApiRoute(route)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url, doc: route.config?.doc, scope: route.config?.scope, authenticated: hasAuthenticate(route) });
    }
  });
  return routes;
}
