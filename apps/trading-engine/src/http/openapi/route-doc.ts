import type { z } from "zod";
import type { TErrorCode } from "@repo/shared-types/errors";

/** A success response that is not JSON (CSV, Prometheus text, HTML). */
export interface RawResponseDoc {
  contentType: string;
  description: string;
}

/**
 * What the OpenAPI document says about one route, declared next to it as route config
 * (`{ config: { doc: { ... } } }`) from the same zod schemas the handler parses with.
 * The handler still validates with `parseInput`, so documenting a route never changes its
 * behaviour or its error codes.
 */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** Groups in the reference (Public, Markets, Auth, API keys, Trading, ...). */
  tags: readonly string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Success responses by status: a zod schema for JSON, or a raw media type. */
  responses: Readonly<Record<number, z.ZodType | RawResponseDoc>>;
  /**
   * Error codes this route answers beyond the ones implied by its shape, which are added
   * for it: 400 INVALID_REQUEST with any input, 401/403 when authenticated, 429 and 503 always.
   */
  errors?: readonly TErrorCode[];
  /** A request body and success response to show (they should parse with the schemas). */
  examples?: { body?: unknown; response?: unknown };
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route's entry in /openapi.json; `"hidden"` for the reference's own assets only. */
    doc?: RouteDoc | "hidden";
  }
}
