"use client";

import { ZCloseReason, type TClosedPosition, type TStateResponse } from "@repo/shared-types/api";
import { ZAsset } from "@repo/shared-types/market";
import { CLOSE_REASON_LABEL, HistoryTable } from "@repo/ui/history-table";
import { PositionsTable } from "@repo/ui/positions-table";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { CloseAllMenu } from "./close-all-menu";
import { PartialCloseButton } from "./partial-close-dialog";
import { OrdersPanel } from "./orders-panel";
import { closePosition, historyCsv, historyQuery, prependClosedPages, type THistoryFilter } from "./queries";
import { StopsEditor } from "./stops-editor";

type TTab = "positions" | "orders" | "history";

/** Open positions (with stop editing, partial and bulk closes), pending orders and history as tabs. */
export function PositionsPanel({ state, symbol, asset }: { state: TStateResponse | undefined; symbol: string; asset: string }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [tab, setTab] = useState<TTab>("positions");

  const close = useMutation({
    mutationFn: (positionId: string) => closePosition(api, positionId),
    onSuccess: (result) => {
      queryClient.setQueriesData<InfiniteData<TClosedPosition[], number | null>>({ queryKey: queryKeys.account.history }, (old) =>
        prependClosedPages(old, result.position, {}),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.history });
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
      <div className="flex items-center justify-between border-b border-zinc-800 px-1">
        <div role="tablist" aria-label="Positions and history" className="flex">
          {tabButton("positions", `Positions (${positions.length})`)}
          {tabButton("orders", `Orders (${state?.orders.length ?? 0})`)}
          {tabButton("history", "History")}
        </div>
        {tab === "positions" ? (
          <div className="px-2">
            <CloseAllMenu positions={positions} symbol={symbol} asset={asset} />
          </div>
        ) : null}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}-tab`}>
        {tab === "positions" ? (
          <PositionsTable
            positions={positions}
            closingId={close.isPending ? (close.variables ?? null) : null}
            onClose={(positionId) => close.mutate(positionId)}
            renderStops={(p) => <StopsEditor position={p} />}
            renderActions={(p) => <PartialCloseButton position={p} />}
          />
        ) : tab === "orders" ? (
          <OrdersPanel orders={state?.orders ?? []} />
        ) : (
          <HistoryPanel />
        )}
      </div>
    </section>
  );
}

/** The history table with its filters, the CSV download and more rows as it is scrolled to its end. */
function HistoryPanel() {
  const { api } = useSession();
  const toast = useToast();
  const [filter, setFilter] = useState<THistoryFilter>({});
  const history = useInfiniteQuery(historyQuery(api, filter));
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;

  useEffect(() => {
    const node = end.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const download = async () => {
    try {
      const csv = await historyCsv(api, filter);
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = "history.csv";
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      toast({ tone: "danger", title: "Download failed", description: userMessage(e).message });
    }
  };

  const select = "rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-200";
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-2">
        <label className="flex items-center gap-1 text-xs text-zinc-400">
          Market
          <select
            className={select}
            value={filter.asset ?? ""}
            onChange={(e) => {
              const asset = ZAsset.safeParse(e.target.value);
              setFilter({ ...filter, asset: asset.success ? asset.data : undefined });
            }}
          >
            <option value="">All</option>
            {ZAsset.options.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-zinc-400">
          Reason
          <select
            className={select}
            value={filter.reason ?? ""}
            onChange={(e) => {
              const reason = ZCloseReason.safeParse(e.target.value);
              setFilter({ ...filter, reason: reason.success ? reason.data : undefined });
            }}
          >
            <option value="">All</option>
            {ZCloseReason.options.map((r) => (
              <option key={r} value={r}>
                {CLOSE_REASON_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => void download()}
          className="ml-auto rounded border border-zinc-700 px-2.5 py-1 text-xs text-zinc-300 hover:border-zinc-500 hover:text-zinc-100"
        >
          Download CSV
        </button>
      </div>
      <div className="max-h-80 overflow-y-auto">
        <HistoryTable positions={history.data?.pages.flat() ?? []} />
        <div ref={end} className="px-3 py-2 text-center text-xs text-zinc-500">
          {isFetchingNextPage ? "Loading more…" : hasNextPage ? (
            <button type="button" onClick={() => void fetchNextPage()} className="underline hover:text-zinc-300">
              Load more
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
