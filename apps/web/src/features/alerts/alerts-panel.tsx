"use client";

import { type TAlertCondition } from "@repo/shared-types/api";
import { isPartialDecimal, isPositiveDecimal } from "@repo/shared-types/decimal";
import { formatSymbol } from "@repo/ui/lib/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { alertsQuery, askNotificationPermission, placeAlert, removeAlert } from "./queries";

/**
 * Sets a price alert on the selected market (prefilled with its price, or the price picked on the
 * chart) and lists the alerts: armed ones can be removed, fired ones show when they fired.
 */
export function AlertsPanel({
  symbol,
  marketPrice,
  picked,
  formatPrice,
}: {
  symbol: string;
  /** The market's price on its tick: the field follows it until the trader types. */
  marketPrice: string | null;
  /** A price picked on the chart (a new object per pick). */
  picked: { price: string } | null;
  formatPrice: (symbol: string, price: number) => string;
}) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const alerts = useQuery(alertsQuery(api));
  const [condition, setCondition] = useState<TAlertCondition>("above");
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => setTyped(null), [symbol]);
  useEffect(() => {
    if (picked !== null) setTyped(picked.price);
  }, [picked]);
  const price = typed ?? marketPrice ?? "";

  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.account.alerts });
  const place = useMutation({
    mutationFn: () => placeAlert(api, { symbol, condition, price }),
    onMutate: askNotificationPermission,
    onSuccess: (alert) => {
      refresh();
      setTyped(null);
      toast({ tone: "info", title: "Alert set", description: `${formatSymbol(alert.symbol)} ${alert.condition} ${formatPrice(alert.symbol, alert.price)}` });
    },
    onError: (e) => toast({ tone: "danger", title: "Alert not set", description: userMessage(e).message }),
  });
  const remove = useMutation({
    mutationFn: (alertId: string) => removeAlert(api, alertId),
    onSuccess: refresh,
    onError: (e) => toast({ tone: "danger", title: "Remove failed", description: userMessage(e).message }),
  });
  const valid = isPositiveDecimal(price);

  return (
    <section aria-label="Price alerts" className="rounded-lg border border-zinc-800 bg-zinc-900 p-2">
      <h2 className="px-1 pb-2 text-xs font-semibold uppercase tracking-wide text-zinc-400">Price alerts</h2>
      <form
        className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-1.5 px-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) place.mutate();
        }}
      >
        <label className="col-span-2 flex flex-col text-[11px] text-zinc-500" htmlFor={`${id}-condition`}>
          When {formatSymbol(symbol)} is
          <select
            id={`${id}-condition`}
            aria-label="Alert condition"
            value={condition}
            onChange={(e) => setCondition(e.target.value === "below" ? "below" : "above")}
            className="mt-0.5 rounded border border-zinc-700 bg-zinc-950 px-1.5 py-1 text-xs text-zinc-100"
          >
            <option value="above">at or above</option>
            <option value="below">at or below</option>
          </select>
        </label>
        <label className="flex min-w-0 flex-col text-[11px] text-zinc-500">
          Price
          <input
            aria-label="Alert price"
            inputMode="decimal"
            value={price}
            onChange={(e) => {
              if (isPartialDecimal(e.target.value)) setTyped(e.target.value);
            }}
            className="mt-0.5 w-full min-w-0 rounded border border-zinc-700 bg-zinc-950 px-1.5 py-1 font-mono text-xs text-zinc-100"
          />
        </label>
        <button
          type="submit"
          disabled={!valid || place.isPending}
          className="rounded bg-sky-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-sky-500 disabled:opacity-40"
        >
          Set alert
        </button>
      </form>
      <ul aria-label="Alerts" className="mt-2 max-h-40 space-y-1 overflow-y-auto px-1">
        {(alerts.data ?? []).map((a) => (
          <li key={a.alertId} className="flex items-center justify-between gap-2 rounded bg-zinc-950/60 px-2 py-1 text-xs">
            <span className={a.triggeredAt === null ? "text-zinc-200" : "text-zinc-500 line-through"}>
              {formatSymbol(a.symbol)} {a.condition === "above" ? "≥" : "≤"} <span className="font-mono">{formatPrice(a.symbol, a.price)}</span>
            </span>
            {a.triggeredAt === null ? (
              <button
                type="button"
                aria-label={`Remove alert ${formatSymbol(a.symbol)} ${a.condition} ${formatPrice(a.symbol, a.price)}`}
                onClick={() => remove.mutate(a.alertId)}
                className="text-zinc-500 hover:text-rose-400"
              >
                Remove
              </button>
            ) : (
              <span className="text-[10px] uppercase text-emerald-400">fired</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
