"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { SessionProvider } from "@/features/auth/session-provider";
import { ToastProvider } from "@/features/toasts/toast-provider";
import { ApiError } from "@/lib/api-error";

/** Retry only what may succeed on a second try: network failures and 5xx, never a 4xx. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/** The one QueryClient, the session and the toasts. */
export function Providers({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 1_000 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider apiUrl={apiUrl}>
        <ToastProvider>{children}</ToastProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
