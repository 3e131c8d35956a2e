import { z } from "zod";

/** `read`: every GET and the socket's account stream; `trade`: also every route that changes money or orders. */
export const ZApiKeyScope = z.enum(["read", "trade"]);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

export const ZCreateApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(64),
  /** `["read"]` or `["read", "trade"]`: a key that trades can always read. */
  scopes: z
    .array(ZApiKeyScope)
    .min(1)
    .max(2)
    .refine((scopes) => scopes.includes("read"), "must include read")
    .refine((scopes) => new Set(scopes).size === scopes.length, "no repeated scope"),
});
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;

export const ZApiKeyParams = z.strictObject({ id: z.string().min(1).max(64) });

/** A key as listed: never the secret. */
export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(ZApiKeyScope),
  /** The first characters of the key, to tell keys apart. */
  keyPrefix: z.string(),
  /** Unix ms. */
  createdAt: z.number().int(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

/** The answer to a create: the only time the secret `key` is ever shown. */
export const ZCreatedApiKey = ZApiKey.extend({
  key: z.string(),
});
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;
