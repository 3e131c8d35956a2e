"use client";

import { type TStateResponse } from "@repo/shared-types/api";
import { formatPercent, formatUsd, pnlTone } from "@repo/ui/lib/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { BalanceChart } from "./balance-chart";
import { balanceHistoryQuery, resetAccount, statsQuery } from "./queries";

/** The Account view: balance/equity over time, the figures traders look at, and the demo reset. */
export function AccountView({ equity, onClose }: { equity: number | null; onClose: () => void }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const curve = useQuery(balanceHistoryQuery(api));
  const stats = useQuery(statsQuery(api));
  const [confirming, setConfirming] = useState(false);
  // The equity line ends at the time the view was opened (or refreshed with new data).
  const [now] = useState(() => Date.now());

  const reset = useMutation({
    mutationFn: () => resetAccount(api),
    onSuccess: (state) => {
      queryClient.setQueryData<TStateResponse>(queryKeys.account.state, state);
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.all });
      setConfirming(false);
      toast({ tone: "success", title: "Demo account reset", description: "Balance back to $10,000.00, every position closed." });
    },
    onError: (e) => toast({ tone: "danger", title: "Reset failed", description: userMessage(e).message }),
  });

  // Esc cancels the confirmation first, then closes the view.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      if (confirming) setConfirming(false);
      else onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [confirming, onClose]);

  const s = stats.data;
  const figure = (label: string, value: string, tone = "text-zinc-100") => (
    <div className="rounded bg-zinc-950/60 px-3 py-2">
      <dt className="text-[11px] uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className={`font-mono text-sm tabular-nums ${tone}`}>{value}</dd>
    </div>
  );

  return (
    <div role="dialog" aria-modal="true" aria-label="Account" className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-black/60 p-4">
      <div className="w-full max-w-3xl rounded-lg border border-zinc-800 bg-zinc-900 p-4 shadow-xl">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-sm font-semibold text-zinc-100">Account</h2>
          <button type="button" onClick={onClose} className="rounded px-2 py-1 text-xs text-zinc-400 hover:text-zinc-100">
            Close
          </button>
        </div>
        {curve.data && curve.data.length > 0 ? (
          <BalanceChart points={curve.data} equity={equity} now={now} />
        ) : (
          <p className="h-56 pt-20 text-center text-sm text-zinc-500">No balance history yet.</p>
        )}
        <dl aria-label="Trading figures" className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {figure("Realised PnL", s ? formatUsd(s.totalRealizedPnL, { signed: true }) : "—", s ? pnlTone(s.totalRealizedPnL) : undefined)}
          {figure("Trades", s ? String(s.trades) : "—")}
          {figure("Win rate", s ? formatPercent(s.winRate, { signed: false }) : "—")}
          {figure("Max drawdown", s ? `${formatUsd(s.maxDrawdown)} (${formatPercent(s.maxDrawdownPct, { signed: false })})` : "—")}
          {figure("Best trade", s?.bestTrade != null ? formatUsd(s.bestTrade, { signed: true }) : "—", s?.bestTrade != null ? pnlTone(s.bestTrade) : undefined)}
          {figure("Worst trade", s?.worstTrade != null ? formatUsd(s.worstTrade, { signed: true }) : "—", s?.worstTrade != null ? pnlTone(s.worstTrade) : undefined)}
          {figure("Wins / losses", s ? `${s.wins} / ${s.losses}` : "—")}
          {figure("Equity", equity === null ? "—" : formatUsd(equity))}
        </dl>
        <div className="mt-4 flex justify-end border-t border-zinc-800 pt-3">
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="rounded border border-rose-700 px-3 py-1.5 text-xs font-medium text-rose-300 hover:bg-rose-950"
          >
            Reset demo account
          </button>
        </div>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-modal="true" aria-label="Reset demo account?" className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4">
          <div className="w-full max-w-sm rounded-lg border border-zinc-700 bg-zinc-900 p-4">
            <h3 className="text-sm font-semibold text-zinc-100">Reset demo account?</h3>
            <p className="mt-2 text-xs text-zinc-400">
              Every open position closes at market and the balance goes back to $10,000.00. History is kept.
            </p>
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={() => setConfirming(false)} className="rounded px-3 py-1.5 text-xs text-zinc-300 hover:text-zinc-100">
                Cancel
              </button>
              <button
                type="button"
                disabled={reset.isPending}
                onClick={() => reset.mutate()}
                className="rounded bg-rose-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-rose-500 disabled:opacity-50"
              >
                {reset.isPending ? "Resetting…" : "Reset account"}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
