"use client";

import { type TClosedPosition, type TStateResponse } from "@repo/shared-types/api";
import { HistoryTable } from "@repo/ui/history-table";
import { PositionsTable } from "@repo/ui/positions-table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { OrdersPanel } from "./orders-panel";
import { closePosition, historyQuery, prependClosed } from "./queries";

type TTab = "positions" | "orders" | "history";

/** Open positions, pending orders and history as tabs. */
export function PositionsPanel({ state }: { state: TStateResponse | undefined }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [tab, setTab] = useState<TTab>("positions");
  const history = useQuery(historyQuery(api));

  const close = useMutation({
    mutationFn: (positionId: string) => closePosition(api, positionId),
    onSuccess: (result) => {
      queryClient.setQueryData<TClosedPosition[]>(queryKeys.account.history, (old) => prependClosed(old, result.position));
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
    },
    onError: (e) => {
      const { message } = userMessage(e);
      toast({ tone: "danger", title: "Close failed", description: message });
    },
  });

  const positions = state?.positions ?? [];
  const tabButton = (value: TTab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}-tab`}
      aria-selected={tab === value}
      aria-controls={`${id}-${value}-panel`}
      onClick={() => setTab(value)}
      className={`border-b-2 px-3 py-2 text-sm font-medium ${
        tab === value ? "border-sky-500 text-zinc-50" : "border-transparent text-zinc-400 hover:text-zinc-200"
      }`}
    >
      {label}
    </button>
  );

  return (
    <section aria-label="Positions and history" className="rounded-lg border border-zinc-800 bg-zinc-900">
      <div role="tablist" aria-label="Positions and history" className="flex border-b border-zinc-800 px-1">
        {tabButton("positions", `Positions (${positions.length})`)}
        {tabButton("orders", `Orders (${state?.orders.length ?? 0})`)}
        {tabButton("history", "History")}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}-tab`}>
        {tab === "positions" ? (
          <PositionsTable
            positions={positions}
            closingId={close.isPending ? (close.variables ?? null) : null}
            onClose={(positionId) => close.mutate(positionId)}
          />
        ) : tab === "orders" ? (
          <OrdersPanel orders={state?.orders ?? []} />
        ) : (
          <HistoryTable positions={history.data ?? []} />
        )}
      </div>
    </section>
  );
}
