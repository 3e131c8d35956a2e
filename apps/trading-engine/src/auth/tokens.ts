import { createHash, randomBytes } from "node:crypto";

/** A random opaque bearer token (256 bits, base64url). Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the sessions table keys on: a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header.trim());
  return match?.[1] ?? null;
}
