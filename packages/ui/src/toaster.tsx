/** One notification; `tone` picks colour and urgency. */
export interface TToast {
  id: string;
  title: string;
  description: string;
  tone: "danger" | "success" | "info";
}

const TONE: Record<TToast["tone"], string> = {
  danger: "border-rose-500/60 bg-rose-950/90",
  success: "border-emerald-500/60 bg-emerald-950/90",
  info: "border-zinc-600 bg-zinc-900/95",
};

/**
 * Stack of toasts, each announced (alerts for danger) and dismissible: bottom-right on desktop, at
 * the top on phones so they never cover the order button a trader just pressed.
 */
export function Toaster({ toasts, onDismiss }: { toasts: readonly TToast[]; onDismiss: (id: string) => void }) {
  return (
    <div
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-3 top-3 z-50 flex flex-col items-end gap-2 sm:inset-x-auto sm:top-auto sm:right-4 sm:bottom-4 sm:w-96"
    >
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.tone === "danger" ? "alert" : "status"}
          className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg border px-4 py-3 shadow-xl shadow-black/40 ${TONE[t.tone]}`}
        >
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-zinc-50">{t.title}</p>
            <p className="mt-0.5 text-xs text-zinc-300">{t.description}</p>
          </div>
          <button
            type="button"
            aria-label="Dismiss notification"
            onClick={() => onDismiss(t.id)}
            className="-mr-1 rounded px-1 text-zinc-400 hover:text-zinc-100"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
