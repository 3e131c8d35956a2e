"use client";

import { type TAsset } from "@repo/shared-types/market";
import { OrderTicket, type TTicketOrder } from "@repo/ui/order-ticket";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { marketsQuery } from "@/features/markets/queries";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { openPosition, stateQuery } from "./queries";

/** Slippage bound sent with every order, in percent of the price the trader saw. */
const SLIPPAGE_PCT = 1;

/** The order ticket wired to the selected market's quote, the account's free margin and the open endpoint. */
export function TicketPanel({ symbol, asset }: { symbol: string; asset: TAsset }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const market = useQuery({ ...marketsQuery(api), select: (all) => all.find((m) => m.symbol === symbol) });
  const state = useQuery(stateQuery(api));
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

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
        onSubmit={(order) => open.mutateAsync(order).then(() => true, () => false)}
        onChange={() => setError(null)}
      />
    </section>
  );
}
