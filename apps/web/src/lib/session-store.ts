import { z } from "zod";

/** What survives a reload: the bearer token and who it belongs to. */
export const ZSession = z.object({ token: z.string().min(1), email: z.string() });
export type TSession = z.infer<typeof ZSession>;

const KEY = "trading-terminal.session";
const CHANGE_EVENT = "trading-terminal:session";

/** Raw stored value (a stable string, so useSyncExternalStore sees no spurious changes). */
export function readSessionRaw(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Parses a raw stored session; anything malformed counts as signed out. */
export function parseSession(raw: string | null): TSession | null {
  if (!raw) return null;
  try {
    const parsed = ZSession.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeSession(session: TSession | null): void {
  if (session) window.localStorage.setItem(KEY, JSON.stringify(session));
  else window.localStorage.removeItem(KEY);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Subscribes to session changes in this tab and in others (storage event). */
export function subscribeSession(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) listener();
  };
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, listener);
    window.removeEventListener("storage", onStorage);
  };
}
