import type { TApiKey, TCreateApiKeyRequest, TCreatedApiKey } from "@repo/shared-types/api-keys";
import type { ApiKeyRecord, ApiKeyStore } from "../ports";
import type { Credential } from "./credentials";
import { hashToken, newToken } from "./tokens";

/** Every API key starts with this, so a credential can be told apart from a session token at a glance. */
export const API_KEY_PREFIX = "tek_";
/** Characters of the key kept in clear for listings. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
/** Live keys held in memory; past this many the cache starts over (it refills from SQLite). */
const KEY_CACHE_LIMIT = 100_000;

export interface ApiKeyServiceDeps {
  store: ApiKeyStore;
  now: () => number;
  newId: () => string;
}

function listing(record: ApiKeyRecord): TApiKey {
  return { id: record.id, name: record.name, scopes: record.scopes, keyPrefix: record.keyPrefix, createdAt: record.createdAt };
}

/** API keys for programs: created by a signed-in person, shown once, stored hashed, revocable. */
export class ApiKeyService {
  private readonly revokedListeners: ((keyHash: string) => void)[] = [];
  /** key hash → live key, so authenticated reads never touch SQLite. Revocation evicts (one process). */
  private readonly liveKeys = new Map<string, ApiKeyRecord>();

  constructor(private readonly deps: ApiKeyServiceDeps) {}

  create(userId: string, request: TCreateApiKeyRequest): TCreatedApiKey {
    const key = `${API_KEY_PREFIX}${newToken()}`;
    const record: ApiKeyRecord = {
      id: this.deps.newId(),
      userId,
      name: request.name,
      // Stored in one canonical order whatever order the request listed them in.
      scopes: request.scopes.includes("trade") ? ["read", "trade"] : ["read"],
      keyHash: hashToken(key),
      keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH),
      createdAt: this.deps.now(),
      revokedAt: null,
    };
    this.deps.store.insertApiKey(record);
    return { ...listing(record), key };
  }

  list(userId: string): TApiKey[] {
    return this.deps.store.listLiveApiKeys(userId).map(listing);
  }

  /** Revokes a key of this user and tells listeners (its sockets are dropped); null when there is no such live key. */
  revoke(userId: string, id: string): TApiKey | null {
    const revoked = this.deps.store.revokeApiKey(userId, id, this.deps.now());
    if (revoked === null) return null;
    this.liveKeys.delete(revoked.keyHash);
    for (const listener of this.revokedListeners) listener(revoked.keyHash);
    return listing(revoked);
  }

  /** The credential of a live API key, or null for anything else. */
  resolve(token: string): Credential | null {
    if (!token.startsWith(API_KEY_PREFIX)) return null;
    const keyHash = hashToken(token);
    let record = this.liveKeys.get(keyHash);
    if (record === undefined) {
      const found = this.deps.store.findLiveApiKey(keyHash);
      if (found === null) return null;
      if (this.liveKeys.size >= KEY_CACHE_LIMIT) this.liveKeys.clear();
      this.liveKeys.set(keyHash, found);
      record = found;
    }
    return { userId: record.userId, tokenHash: keyHash, apiKey: { id: record.id, scopes: record.scopes } };
  }

  onRevoked(listener: (keyHash: string) => void): void {
    this.revokedListeners.push(listener);
  }
}
