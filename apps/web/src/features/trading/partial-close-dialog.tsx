"use client";

import { type TClosedPosition, type TPosition } from "@repo/shared-types/api";
import { formatDecimal, parseDecimal } from "@repo/shared-types/decimal";
import { formatQty, formatUsd, pnlTone } from "@repo/ui/lib/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createPortal } from "react-dom";
import { useId, useState, type FormEvent } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { closePosition, prependClosed } from "./queries";

const QTY_DECIMALS = 8;
const PERCENTS = [25, 50, 75, 100] as const;

/** `percent` % of the open quantity, rounded down to 8 decimals, as the exact decimal to send. */
function shareOf(quantity: number, percent: number): string {
  const units = parseDecimal(String(quantity), QTY_DECIMALS) ?? 0n;
  return formatDecimal((units * BigInt(percent)) / 100n, QTY_DECIMALS, { trimZeros: true });
}

/** A "Partial close" button and its dialog: a quantity (or a percentage) with the realised PnL it would book now. */
export function PartialCloseButton({ position }: { position: TPosition }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const label = `${position.asset} ${position.type}`;
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState("");

  const close = useMutation({
    mutationFn: (q: string) => closePosition(api, position.positionId, q),
    onSuccess: async (result) => {
      queryClient.setQueryData<TClosedPosition[]>(queryKeys.account.history, (old) =>
        prependClosed(old, result.position),
      );
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
      setOpen(false);
      toast({
        tone: "success",
        title: `Closed ${formatQty(result.position.quantity)} ${position.asset}`,
        description: `Realised ${formatUsd(result.realizedPnL, { signed: true })}${result.remaining === null ? "" : `; ${formatQty(result.remaining.quantity)} ${position.asset} stay open`}`,
      });
    },
  });

  const typed = Number(quantity.trim());
  const valid =
    quantity.trim() !== "" && Number.isFinite(typed) && typed > 0 && typed <= position.quantity;
  // The preview marks the part at the same price as the row's PnL (the server books the fill).
  const preview = valid ? (position.unrealizedPnL * typed) / position.quantity : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) close.mutate(quantity.trim());
  };

  return (
    <>
      <button
        type="button"
        aria-label={`Partial exit of ${label} position`}
        onClick={() => {
          setQuantity(shareOf(position.quantity, 50));
          close.reset();
          setOpen(true);
        }}
        className="mr-1.5 rounded border border-zinc-700 px-2.5 py-1 font-sans text-xs text-zinc-200 hover:border-amber-500 hover:text-amber-300"
      >
        Partial
      </button>
      {open
        ? createPortal(
            <div
              className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4 text-left font-sans"
              onClick={() => setOpen(false)}
            >
              <form
                role="dialog"
                aria-modal="true"
                aria-labelledby={`${id}-title`}
                onSubmit={submit}
                onClick={(e) => e.stopPropagation()}
                className="w-full max-w-sm whitespace-normal rounded-lg border border-zinc-700 bg-zinc-900 p-4 shadow-xl"
              >
                <h3 id={`${id}-title`} className="text-sm font-semibold text-zinc-100">
                  Partial close: {label} {position.leverage}x
                </h3>
                <p className="mt-1 text-xs text-zinc-400">
                  Open: <span className="font-mono">{formatQty(position.quantity)}</span>{" "}
                  {position.asset}
                </p>
                <label htmlFor={`${id}-qty`} className="mt-3 block text-xs text-zinc-300">
                  Quantity to close
                </label>
                <input
                  id={`${id}-qty`}
                  inputMode="decimal"
                  value={quantity}
                  onChange={(e) => setQuantity(e.target.value)}
                  className="mt-1 w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 font-mono text-sm text-zinc-100 focus:border-sky-500 focus:outline-none"
                />
                <div role="group" aria-label="Share of the position" className="mt-2 flex gap-1.5">
                  {PERCENTS.map((pct) => (
                    <button
                      key={pct}
                      type="button"
                      onClick={() =>
                        setQuantity(
                          pct === 100 ? String(position.quantity) : shareOf(position.quantity, pct),
                        )
                      }
                      className="flex-1 rounded border border-zinc-700 py-1 text-xs text-zinc-300 hover:border-sky-500 hover:text-sky-300"
                    >
                      {pct}%
                    </button>
                  ))}
                </div>
                <p className="mt-3 text-xs text-zinc-400" data-testid="partial-close-preview">
                  Realised PnL now ≈{" "}
                  <span className={`font-mono ${preview === null ? "" : pnlTone(preview)}`}>
                    {preview === null ? "—" : formatUsd(preview, { signed: true })}
                  </span>
                </p>
                {close.isError ? (
                  <p role="alert" className="mt-2 text-xs text-rose-300">
                    {userMessage(close.error).message}
                  </p>
                ) : null}
                <div className="mt-4 flex justify-end gap-2">
                  <button
                    type="button"
                    onClick={() => setOpen(false)}
                    className="rounded border border-zinc-700 px-3 py-1.5 text-xs text-zinc-300 hover:text-zinc-100"
                  >
                    Cancel
                  </button>
                  <button
                    type="submit"
                    disabled={!valid || close.isPending}
                    className="rounded bg-amber-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-amber-500 disabled:opacity-50"
                  >
                    {close.isPending ? "Closing…" : "Close quantity"}
                  </button>
                </div>
              </form>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
