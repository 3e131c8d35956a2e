"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { createApiClient, type ApiClient } from "@/lib/api-client";
import { parseSession, readSessionRaw, subscribeSession, writeSession, type TSession } from "@/lib/session-store";
import { queryKeys } from "@/lib/query-keys";

interface SessionContextValue {
  api: ApiClient;
  /** Null when signed out. */
  session: TSession | null;
  /** False during server render and hydration, before localStorage has been read. */
  ready: boolean;
  signIn: (session: TSession) => void;
  signOut: () => Promise<void>;
  /** Revokes every session of this user (other browsers and devices too), then ends this one. */
  signOutEverywhere: () => Promise<void>;
  /** Ends the session locally, e.g. after the server refused the token. */
  endSession: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const getServerSnapshot = (): string | null | undefined => undefined;

/** Owns the bearer token (localStorage, so a reload keeps the session) and the REST client using it. */
export function SessionProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const raw = useSyncExternalStore<string | null | undefined>(subscribeSession, readSessionRaw, getServerSnapshot);
  const session = useMemo(() => (raw === undefined ? null : parseSession(raw)), [raw]);

  const clearLocal = useCallback(() => {
    writeSession(null);
    queryClient.removeQueries({ queryKey: queryKeys.account.all });
  }, [queryClient]);

  const api = useMemo(
    () => createApiClient(apiUrl, () => parseSession(readSessionRaw())?.token ?? null, clearLocal),
    [apiUrl, clearLocal],
  );

  const signIn = useCallback(
    (next: TSession) => {
      queryClient.removeQueries({ queryKey: queryKeys.account.all });
      writeSession(next);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    // Revoke server-side first (best effort: the local session ends either way).
    await api.signout().catch(() => undefined);
    clearLocal();
  }, [api, clearLocal]);

  const signOutEverywhere = useCallback(async () => {
    await api.signoutAll().catch(() => undefined);
    clearLocal();
  }, [api, clearLocal]);

  const value = useMemo(
    () => ({ api, session, ready: raw !== undefined, signIn, signOut, signOutEverywhere, endSession: clearLocal }),
    [api, session, raw, signIn, signOut, signOutEverywhere, clearLocal],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session and the REST client; throws outside SessionProvider (a wiring bug). */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}
