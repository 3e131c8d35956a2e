"use client";

import { Toaster, type TToast } from "@repo/ui/toaster";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

type TToastInput = Omit<TToast, "id"> & { id?: string };

const ToastContext = createContext<((toast: TToastInput) => void) | null>(null);

const LIFETIME_MS: Record<TToast["tone"], number> = { danger: 15_000, success: 8_000, info: 6_000 };

/** Holds the visible toasts; a toast with a known id is shown once (REST and socket may both report). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<TToast[]>([]);
  const seen = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: string) => {
    setToasts((all) => all.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (input: TToastInput) => {
      const id = input.id ?? crypto.randomUUID();
      if (seen.current.has(id)) return;
      seen.current.add(id);
      setToasts((all) => [...all.slice(-3), { ...input, id }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), LIFETIME_MS[input.tone]),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <Toaster toasts={toasts} onDismiss={dismiss} />
    </ToastContext.Provider>
  );
}

/** Shows a toast. */
export function useToast(): (toast: TToastInput) => void {
  const push = useContext(ToastContext);
  if (!push) throw new Error("useToast must be used inside ToastProvider");
  return push;
}
