"use client";

import { ApiKeysPage } from "@/features/api-keys/api-keys-page";
import { AuthScreen } from "@/features/auth/auth-screen";
import { useSession } from "@/features/auth/session-provider";

/** The API keys page when signed in (keys are managed by a person), the auth card otherwise. */
export function ApiKeysHome() {
  const { session, ready } = useSession();
  if (!ready) {
    return (
      <div className="flex min-h-dvh items-center justify-center text-sm text-zinc-500" aria-busy="true">
        Loading…
      </div>
    );
  }
  return session ? <ApiKeysPage key={session.token} /> : <AuthScreen />;
}
