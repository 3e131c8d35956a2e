"use client";

import { type TModifyPositionInput, type TPosition } from "@repo/shared-types/api";
import { formatExactPrice } from "@repo/ui/lib/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useSession } from "@/features/auth/session-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { modifyPosition } from "./queries";

const input =
  "w-24 rounded border border-zinc-700 bg-zinc-950 px-1.5 py-1 font-mono text-xs text-zinc-100 focus:border-sky-500 focus:outline-none";

/** What the PATCH sends for one field: nothing when unchanged, null when emptied, else the text typed. */
function fieldChange(typed: string, current: number | null): string | null | undefined {
  const text = typed.trim();
  if (text === "") return current === null ? undefined : null;
  return current !== null && Number(text) === current ? undefined : text;
}

/** Stop loss / take profit / trailing stop of one position: shown in its row, edited inline. */
export function StopsEditor({ position }: { position: TPosition }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const label = `${position.asset} ${position.type}`;
  const [editing, setEditing] = useState(false);
  const [stopLoss, setStopLoss] = useState("");
  const [takeProfit, setTakeProfit] = useState("");
  const [trailing, setTrailing] = useState("");

  const save = useMutation({
    mutationFn: (body: TModifyPositionInput) => modifyPosition(api, position.positionId, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
      setEditing(false);
    },
  });

  const start = () => {
    setStopLoss(position.stopLoss === null ? "" : String(position.stopLoss));
    setTakeProfit(position.takeProfit === null ? "" : String(position.takeProfit));
    setTrailing(position.trailingStop === null ? "" : String(position.trailingStop.distance));
    save.reset();
    setEditing(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: TModifyPositionInput = {};
    const sl = fieldChange(stopLoss, position.stopLoss);
    const tp = fieldChange(takeProfit, position.takeProfit);
    const trail = fieldChange(trailing, position.trailingStop?.distance ?? null);
    if (sl !== undefined) body.stopLoss = sl;
    if (tp !== undefined) body.takeProfit = tp;
    if (trail !== undefined) body.trailingStop = trail === null ? null : { distance: trail };
    if (Object.keys(body).length === 0) {
      setEditing(false);
      return;
    }
    save.mutate(body);
  };

  const trail = position.trailingStop;
  if (!editing) {
    return (
      <div className="flex items-center gap-2">
        <span data-testid="position-stops">
          {formatExactPrice(position.stopLoss)} / {formatExactPrice(position.takeProfit)}
        </span>
        {trail !== null ? (
          <span
            className="text-violet-300"
            data-testid="position-trailing"
            title={`Trailing ${trail.distance} behind the best price`}
          >
            Trail {formatExactPrice(trail.level)}
          </span>
        ) : null}
        <button
          type="button"
          aria-label={`Edit stops of ${label} position`}
          onClick={start}
          className="rounded border border-zinc-700 px-1.5 py-0.5 font-sans text-[11px] text-zinc-300 hover:border-sky-500 hover:text-sky-300"
        >
          Edit
        </button>
      </div>
    );
  }

  const error = save.isError ? userMessage(save.error).message : null;
  return (
    <form
      onSubmit={submit}
      aria-label={`Stops of ${label} position`}
      className="flex flex-col gap-1.5 py-1 font-sans"
    >
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${id}-sl`} className="w-16 text-[11px] text-zinc-400">
          Stop loss
        </label>
        <input
          id={`${id}-sl`}
          inputMode="decimal"
          value={stopLoss}
          onChange={(e) => setStopLoss(e.target.value)}
          className={input}
          placeholder="none"
        />
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${id}-tp`} className="w-16 text-[11px] text-zinc-400">
          Take profit
        </label>
        <input
          id={`${id}-tp`}
          inputMode="decimal"
          value={takeProfit}
          onChange={(e) => setTakeProfit(e.target.value)}
          className={input}
          placeholder="none"
        />
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${id}-trail`} className="w-16 text-[11px] text-zinc-400">
          Trailing
        </label>
        <input
          id={`${id}-trail`}
          inputMode="decimal"
          value={trailing}
          onChange={(e) => setTrailing(e.target.value)}
          className={input}
          placeholder="distance"
          aria-describedby={`${id}-trail-help`}
        />
      </div>
      <p id={`${id}-trail-help`} className="sr-only">
        Trailing stop distance in price units; the stop follows the best price and never moves back.
      </p>
      {error !== null ? (
        <p role="alert" className="max-w-[16rem] whitespace-normal text-[11px] text-rose-300">
          {error}
        </p>
      ) : null}
      <div className="flex gap-1.5">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded bg-sky-600 px-2 py-0.5 text-[11px] font-medium text-white hover:bg-sky-500 disabled:opacity-50"
        >
          {save.isPending ? "Saving…" : "Save stops"}
        </button>
        <button
          type="button"
          onClick={() => setEditing(false)}
          className="rounded border border-zinc-700 px-2 py-0.5 text-[11px] text-zinc-300 hover:text-zinc-100"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
