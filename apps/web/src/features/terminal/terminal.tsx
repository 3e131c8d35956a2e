"use client";

import { type TClosedPosition, type TOrder } from "@repo/shared-types/api";
import { MARKETS, type TAsset } from "@repo/shared-types/market";
import { AccountBar } from "@repo/ui/account-bar";
import { FeedBadge, type TFeedStatus } from "@repo/ui/feed-badge";
import { CLOSE_REASON_LABEL } from "@repo/ui/history-table";
import { formatExactPrice, formatPrice, formatUsd } from "@repo/ui/lib/format";
import { orderLabel } from "@repo/ui/pending-order-ticket";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { meQuery } from "@/features/auth/queries";
import { useSession } from "@/features/auth/session-provider";
import { ChartPanel } from "@/features/chart/chart-panel";
import { marketsQuery } from "@/features/markets/queries";
import { MarketsPanel } from "@/features/markets/markets-panel";
import { SocketProvider, useSocket } from "@/features/realtime/socket-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { PositionsPanel } from "@/features/trading/positions-panel";
import { stateQuery } from "@/features/trading/queries";
import { TicketPanel } from "@/features/trading/ticket-panel";

/** The signed-in trading screen; owns the socket for this session. */
export function Terminal({ token }: { token: string }) {
  const { api, endSession } = useSession();
  const toast = useToast();
  const onPositionClosed = useCallback(
    (p: TClosedPosition) => {
      const pnl = formatUsd(p.realizedPnL, { signed: true });
      const what = `${p.asset} ${p.type} ${p.leverage}x`;
      const title =
        p.closeReason === "liquidation"
          ? `Position liquidated: ${what}`
          : p.closeReason === "manual"
            ? `Position closed: ${what}`
            : `${CLOSE_REASON_LABEL[p.closeReason]} hit: ${what}`;
      toast({
        id: `closed-${p.positionId}`,
        tone: p.closeReason === "liquidation" || p.closeReason === "stop_loss" ? "danger" : p.closeReason === "take_profit" ? "success" : "info",
        title,
        description: `Closed at ${formatPrice(p.closePrice)}, realised PnL ${pnl}.`,
      });
    },
    [toast],
  );
  const onOrderUpdated = useCallback(
    (o: TOrder) => {
      // Placing, editing and cancelling answer the trader directly; the engine's own outcomes are news.
      if (o.status !== "filled" && o.status !== "expired" && o.status !== "rejected") return;
      const what = `${orderLabel(o.type, o.orderType)} ${o.asset} at ${formatExactPrice(o.price)}`;
      toast({
        id: `order-${o.orderId}-${o.status}`,
        tone: o.status === "filled" ? "success" : o.status === "rejected" ? "danger" : "info",
        title: o.status === "filled" ? `Order filled: ${what}` : o.status === "expired" ? `Order expired: ${what}` : `Order rejected: ${what}`,
        description: o.reason ?? (o.status === "filled" ? "The position is open." : "Its margin is released."),
      });
    },
    [toast],
  );
  return (
    <SocketProvider
      apiUrl={api.baseUrl}
      token={token}
      onPositionClosed={onPositionClosed}
      onOrderUpdated={onOrderUpdated}
      onUnauthorized={endSession}
    >
      <TerminalLayout />
    </SocketProvider>
  );
}

function TerminalLayout() {
  const { api, session, signOut, signOutEverywhere } = useSession();
  const { status } = useSocket();
  const [symbol, setSymbol] = useState<string>(MARKETS[0].symbol);
  const asset: TAsset = MARKETS.find((m) => m.symbol === symbol)?.asset ?? "SOL";
  const state = useQuery(stateQuery(api));
  const markets = useQuery(marketsQuery(api));
  // Validates the stored token on load: a revoked one answers 401 and ends the session.
  useQuery(meQuery(api));

  const feed: TFeedStatus =
    status !== "connected"
      ? "reconnecting"
      : markets.data?.some((m) => m.stale)
        ? "stale"
        : markets.data?.some((m) => m.source === "simulator")
          ? "simulated"
          : "live";

  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-2 p-2 sm:p-3">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-zinc-800 bg-zinc-900 px-3 py-2">
        <div className="order-1 flex items-center gap-3">
          <h1 className="text-sm font-bold tracking-tight text-zinc-50">
            CFD<span className="text-sky-400">Demo</span>
          </h1>
          <FeedBadge status={feed} />
        </div>
        <div className="order-3 w-full min-w-0 lg:order-2 lg:w-auto lg:flex-1">
          <AccountBar account={state.data?.account} />
        </div>
        <div className="order-2 ml-auto flex items-center gap-3 lg:order-3">
          <Link href="/api-keys" className="text-xs text-zinc-300 hover:text-zinc-100">
            API keys
          </Link>
          <SignOut email={session?.email} onSignOut={signOut} onSignOutEverywhere={signOutEverywhere} />
        </div>
      </header>

      <main className="grid flex-1 grid-cols-[minmax(0,1fr)] gap-2 lg:grid-cols-[15rem_minmax(0,1fr)_20rem] lg:grid-rows-[minmax(400px,1fr)_minmax(200px,auto)]">
        <div className="min-w-0 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <MarketsPanel selected={symbol} onSelect={setSymbol} />
        </div>
        <div className="min-w-0 lg:col-start-2 lg:row-start-1">
          <ChartPanel symbol={symbol} asset={asset} positions={state.data?.positions ?? []} orders={state.data?.orders} />
        </div>
        <div className="min-w-0 lg:col-start-3 lg:row-span-2 lg:row-start-1">
          <TicketPanel symbol={symbol} asset={asset} />
        </div>
        <div className="min-w-0 lg:col-start-2 lg:row-start-2">
          <PositionsPanel state={state.data} />
        </div>
      </main>
    </div>
  );
}

function SignOut({
  email,
  onSignOut,
  onSignOutEverywhere,
}: {
  email: string | undefined;
  onSignOut: () => Promise<void>;
  onSignOutEverywhere: () => Promise<void>;
}) {
  return (
    <>
      <span className="hidden max-w-48 truncate text-xs text-zinc-400 sm:inline" title={email}>
        {email}
      </span>
      <button
        type="button"
        onClick={() => void onSignOut()}
        className="rounded border border-zinc-700 px-2.5 py-1 text-xs text-zinc-300 hover:border-zinc-500 hover:text-zinc-100"
      >
        Sign out
      </button>
      <button
        type="button"
        onClick={() => void onSignOutEverywhere()}
        className="rounded border border-zinc-700 px-2.5 py-1 text-xs text-zinc-300 hover:border-zinc-500 hover:text-zinc-100"
      >
        Sign out everywhere
      </button>
    </>
  );
}
