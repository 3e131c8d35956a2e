import type { TApiKeyScope } from "@repo/shared-types/api-keys";
import type { ApiKeyService } from "./api-key-service";
import type { AuthService, Session } from "./auth-service";

/** Who a bearer token speaks for: a person's session, or an API key with its scopes. */
export interface Credential extends Session {
  /** Present for API keys only; a session may do everything. */
  apiKey?: { id: string; scopes: readonly TApiKeyScope[] };
}

/** Resolves bearer tokens for REST and the Socket.IO handshake alike, and reports every revocation. */
export interface CredentialResolver {
  session(token: string): Credential | null;
  onSessionRevoked(listener: (tokenHash: string) => void): void;
}

/** Session tokens and API keys behind one lookup (a key-looking token that is no key may still be a session). */
export function credentialResolver(auth: AuthService, apiKeys: ApiKeyService): CredentialResolver {
  return {
    session: (token) => apiKeys.resolve(token) ?? auth.session(token),
    onSessionRevoked: (listener) => {
      auth.onSessionRevoked(listener);
      apiKeys.onRevoked(listener);
    },
  };
}
