"use client";

import { type TAsset } from "@repo/shared-types/market";
import { OrderTicket, type TTicketOrder } from "@repo/ui/order-ticket";
import {
  orderLabel,
  PendingOrderTicket,
  type TTicketPendingOrder,
} from "@repo/ui/pending-order-ticket";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { marketsQuery } from "@/features/markets/queries";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { formatExactPrice } from "@repo/ui/lib/format";
import { openPosition, placeOrder, stateQuery } from "./queries";

type TTicketTab = "market" | "limit" | "stop";
const TICKET_TABS: { value: TTicketTab; label: string }[] = [
  { value: "market", label: "Market" },
  { value: "limit", label: "Limit" },
  { value: "stop", label: "Stop" },
];

/** Slippage bound sent with every order, in percent of the price the trader saw. */
const SLIPPAGE_PCT = 1;

/**
 * The order ticket: Market / Limit / Stop tabs wired to the selected market's quote, the account's
 * free margin and the open and order endpoints.
 */
export function TicketPanel({ symbol, asset }: { symbol: string; asset: TAsset }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const market = useQuery({
    ...marketsQuery(api),
    select: (all) => all.find((m) => m.symbol === symbol),
  });
  const state = useQuery(stateQuery(api));
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [tab, setTab] = useState<TTicketTab>("market");
  const tabsId = useId();

  const place = useMutation({
    mutationFn: (order: TTicketPendingOrder) =>
      placeOrder(api, { asset, clientOrderId: crypto.randomUUID(), ...order }),
    onMutate: () => setError(null),
    onSuccess: (order) => {
      toast({
        tone: "success",
        title: `${orderLabel(order.type, order.orderType)} placed`,
        description: `${order.asset} at ${formatExactPrice(order.price)}, ${order.leverage}x; margin reserved.`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.orderHistory });
    },
    onError: (e) => setError(userMessage(e)),
  });

  const open = useMutation({
    mutationFn: (order: TTicketOrder) =>
      openPosition(api, {
        asset,
        type: order.type,
        margin: order.margin,
        leverage: order.leverage,
        currentPrice: order.currentPrice,
        slippage: SLIPPAGE_PCT,
        clientOrderId: crypto.randomUUID(),
        ...(order.stopLoss ? { stopLoss: order.stopLoss } : {}),
        ...(order.takeProfit ? { takeProfit: order.takeProfit } : {}),
      }),
    onMutate: () => setError(null),
    onSuccess: (position) => {
      toast({
        tone: "success",
        title: `${position.type === "long" ? "Long" : "Short"} ${position.asset} opened`,
        description: `${position.quantity} ${position.asset} at ${position.entryPrice} (${position.leverage}x)`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
    },
    onError: (e) => setError(userMessage(e)),
  });

  const info = market.data;
  return (
    <section aria-label="New order" className="rounded-lg border border-zinc-800 bg-zinc-900 p-3">
      <h2 className="mb-3 text-sm font-semibold text-zinc-100">
        Trade {asset}
        <span className="ml-2 text-xs font-normal text-zinc-500">isolated margin</span>
      </h2>
      <div
        role="tablist"
        aria-label="Order type"
        className="mb-3 flex gap-1 rounded-lg bg-zinc-950 p-1"
      >
        {TICKET_TABS.map((t) => (
          <button
            key={t.value}
            type="button"
            role="tab"
            id={`${tabsId}-${t.value}-tab`}
            aria-selected={tab === t.value}
            aria-controls={`${tabsId}-panel`}
            onClick={() => {
              setTab(t.value);
              setError(null);
            }}
            className={`flex-1 rounded-md py-1.5 text-xs font-semibold ${
              tab === t.value ? "bg-zinc-700 text-zinc-50" : "text-zinc-400 hover:text-zinc-200"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}-tab`}>
        {tab === "market" ? (
          <OrderTicket
            key={symbol}
            symbol={symbol}
            asset={asset}
            bid={info?.bid ?? null}
            ask={info?.ask ?? null}
            stale={info?.stale ?? true}
            maxLeverage={info?.maxLeverage ?? 100}
            freeMargin={state.data?.account.freeMargin ?? null}
            submitting={open.isPending}
            error={error}
            onSubmit={(order) =>
              open.mutateAsync(order).then(
                () => true,
                () => false,
              )
            }
            onChange={() => setError(null)}
          />
        ) : (
          <PendingOrderTicket
            key={`${symbol}-${tab}`}
            orderType={tab}
            symbol={symbol}
            asset={asset}
            bid={info?.bid ?? null}
            ask={info?.ask ?? null}
            stale={info?.stale ?? true}
            maxLeverage={info?.maxLeverage ?? 100}
            freeMargin={state.data?.account.freeMargin ?? null}
            submitting={place.isPending}
            error={error}
            onSubmit={(order) =>
              place.mutateAsync(order).then(
                () => true,
                () => false,
              )
            }
            onChange={() => setError(null)}
          />
        )}
      </div>
    </section>
  );
}
