"use client";

import { useEffect, type RefObject } from "react";

/** The shortcuts the `?` overlay lists, in the order it lists them. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "B", action: "Order ticket: long, margin field focused" },
  { keys: "S", action: "Order ticket: short, margin field focused" },
  { keys: "Esc", action: "Close the open dialog or menu" },
  { keys: "?", action: "Show or hide this help" },
];

/** True while a person is typing somewhere: a shortcut letter is then just a letter. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * B / S pick the ticket's side and focus its margin field; ? toggles the help; Esc closes it.
 * The ticket is reached through its DOM (the side buttons by their names) so the ticket component
 * needs no imperative handle for a keyboard layer above it.
 */
export function useTerminalShortcuts({
  ticket,
  helpOpen,
  setHelpOpen,
}: {
  ticket: RefObject<HTMLElement | null>;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && helpOpen) {
        setHelpOpen(false);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setHelpOpen(!helpOpen);
        return;
      }
      const side = e.key === "b" || e.key === "B" ? "Long" : e.key === "s" || e.key === "S" ? "Short" : null;
      const form = ticket.current?.querySelector<HTMLFormElement>('form[aria-label="Order ticket"]');
      if (side === null || !form) return;
      e.preventDefault();
      const button = [...form.querySelectorAll<HTMLButtonElement>('[aria-label="Side"] button')].find((b) => b.textContent === side);
      button?.click();
      form.querySelector<HTMLInputElement>("input")?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ticket, helpOpen, setHelpOpen]);
}

/** The `?` overlay. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={onClose}>
      <div className="w-full max-w-sm rounded-lg border border-zinc-700 bg-zinc-900 p-4" onClick={(e) => e.stopPropagation()}>
        <h2 className="text-sm font-semibold text-zinc-100">Keyboard shortcuts</h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-xs">
          {SHORTCUTS.map((s) => (
            <div key={s.keys} className="contents">
              <dt>
                <kbd className="rounded border border-zinc-600 bg-zinc-800 px-1.5 py-0.5 font-mono text-zinc-100">{s.keys}</kbd>
              </dt>
              <dd className="text-zinc-300">{s.action}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} className="mt-4 rounded px-2 py-1 text-xs text-zinc-400 hover:text-zinc-100">
          Close
        </button>
      </div>
    </div>
  );
}
