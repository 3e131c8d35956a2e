"use client";

import { AuthScreen } from "@/features/auth/auth-screen";
import { useSession } from "@/features/auth/session-provider";
import { Terminal } from "@/features/terminal/terminal";

/** Terminal when signed in, the auth card otherwise; nothing until the stored session is read. */
export function Home() {
  const { session, ready } = useSession();
  if (!ready) {
    return (
      <div className="flex min-h-dvh items-center justify-center text-sm text-zinc-500" aria-busy="true">
        Loading…
      </div>
    );
  }
  return session ? <Terminal key={session.token} token={session.token} /> : <AuthScreen />;
}
