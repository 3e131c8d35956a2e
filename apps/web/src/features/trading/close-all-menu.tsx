"use client";

import {
  type TCloseAllRequest,
  type TClosedPosition,
  type TPosition,
} from "@repo/shared-types/api";
import { formatUsd } from "@repo/ui/lib/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createPortal } from "react-dom";
import { useId, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { closeAllPositions, prependClosed } from "./queries";

interface Choice {
  label: string;
  request: TCloseAllRequest;
  /** Which rows the server will close, as the table shows them now (for the confirmation). */
  matches: (p: TPosition) => boolean;
}

function choicesFor(symbol: string, asset: string): Choice[] {
  return [
    { label: "All positions", request: { filter: "all" }, matches: () => true },
    { label: "Profitable", request: { filter: "profitable" }, matches: (p) => p.unrealizedPnL > 0 },
    { label: "Losing", request: { filter: "losing" }, matches: (p) => p.unrealizedPnL < 0 },
    { label: `This market (${asset})`, request: { symbol }, matches: (p) => p.asset === asset },
    { label: "Longs", request: { side: "long" }, matches: (p) => p.type === "long" },
    { label: "Shorts", request: { side: "short" }, matches: (p) => p.type === "short" },
  ];
}

/** "Close all" with a menu of filters and a confirmation; the server closes them in one command. */
export function CloseAllMenu({
  positions,
  symbol,
  asset,
}: {
  positions: readonly TPosition[];
  symbol: string;
  asset: string;
}) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const [choice, setChoice] = useState<Choice | null>(null);

  const run = useMutation({
    mutationFn: (request: TCloseAllRequest) => closeAllPositions(api, request),
    onSuccess: async (result) => {
      queryClient.setQueryData<TClosedPosition[]>(queryKeys.account.history, (old) =>
        result.closed.reduceRight<TClosedPosition[] | undefined>(
          (history, closed) => prependClosed(history, closed),
          old,
        ),
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
      setChoice(null);
      toast({
        tone: "success",
        title: `Closed ${result.closed.length} position${result.closed.length === 1 ? "" : "s"}`,
        description: `Realised ${formatUsd(result.realizedPnL, { signed: true })}`,
      });
    },
  });

  const count = choice === null ? 0 : positions.filter(choice.matches).length;
  return (
    <div className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-controls={`${id}-menu`}
        disabled={positions.length === 0}
        onClick={() => setMenuOpen((v) => !v)}
        className="rounded border border-zinc-700 px-2.5 py-1 text-xs text-zinc-200 hover:border-rose-500 hover:text-rose-300 disabled:opacity-40"
      >
        Close all ▾
      </button>
      {menuOpen ? (
        <ul
          id={`${id}-menu`}
          role="menu"
          aria-label="Close positions"
          className="absolute right-0 z-30 mt-1 w-48 rounded-md border border-zinc-700 bg-zinc-900 py-1 shadow-xl"
        >
          {choicesFor(symbol, asset).map((c) => (
            <li key={c.label} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setMenuOpen(false);
                  run.reset();
                  setChoice(c);
                }}
                className="block w-full px-3 py-1.5 text-left text-xs text-zinc-200 hover:bg-zinc-800"
              >
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {choice !== null
        ? createPortal(
            <div
              className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4"
              onClick={() => setChoice(null)}
            >
              <div
                role="dialog"
                aria-modal="true"
                aria-labelledby={`${id}-title`}
                onClick={(e) => e.stopPropagation()}
                className="w-full max-w-sm rounded-lg border border-zinc-700 bg-zinc-900 p-4 shadow-xl"
              >
                <h3 id={`${id}-title`} className="text-sm font-semibold text-zinc-100">
                  Close {choice.label.toLowerCase()}?
                </h3>
                <p className="mt-2 text-xs text-zinc-400">
                  {count} open position{count === 1 ? "" : "s"} match now; each closes at market at
                  the engine&apos;s price.
                </p>
                {run.isError ? (
                  <p role="alert" className="mt-2 text-xs text-rose-300">
                    {userMessage(run.error).message}
                  </p>
                ) : null}
                <div className="mt-4 flex justify-end gap-2">
                  <button
                    type="button"
                    onClick={() => setChoice(null)}
                    className="rounded border border-zinc-700 px-3 py-1.5 text-xs text-zinc-300 hover:text-zinc-100"
                  >
                    Cancel
                  </button>
                  <button
                    type="button"
                    disabled={run.isPending}
                    onClick={() => run.mutate(choice.request)}
                    className="rounded bg-rose-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-rose-500 disabled:opacity-50"
                  >
                    {run.isPending ? "Closing…" : "Confirm close"}
                  </button>
                </div>
              </div>
            </div>,
            document.body,
          )
        : null}
    </div>
  );
}
