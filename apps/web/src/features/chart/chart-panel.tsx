"use client";

import { type TOrder, type TPosition } from "@repo/shared-types/api";
import { CANDLE_INTERVALS, INTERVAL_SECONDS, type TCandleInterval } from "@repo/shared-types/candle";
import { CandleChart, type TChartHandle, type TChartTick, type TPriceLine } from "@repo/ui/candle-chart";
import { type TBar } from "@repo/ui/lib/candles";
import { formatPrice, formatSymbol, priceDecimals } from "@repo/ui/lib/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { candlesQuery, marketsQuery } from "@/features/markets/queries";
import { useSocket } from "@/features/realtime/socket-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { modifyOrder } from "@/features/trading/queries";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { OrderLines } from "./order-lines";

const NO_BARS: TBar[] = [];

/** Entry, SL, TP and liquidation lines of the open positions in this market. */
function linesFor(positions: readonly TPosition[], asset: string): TPriceLine[] {
  const lines: TPriceLine[] = [];
  for (const p of positions) {
    if (p.asset !== asset) continue;
    const side = p.type === "long" ? "L" : "S";
    lines.push({ id: `${p.positionId}-entry`, price: p.entryPrice, title: `${side} entry`, color: "#38bdf8" });
    lines.push({ id: `${p.positionId}-liq`, price: p.liquidationPrice, title: "Liq", color: "#f43f5e", dashed: true });
    if (p.stopLoss !== null) lines.push({ id: `${p.positionId}-sl`, price: p.stopLoss, title: "SL", color: "#f59e0b", dashed: true });
    if (p.takeProfit !== null) lines.push({ id: `${p.positionId}-tp`, price: p.takeProfit, title: "TP", color: "#10b981", dashed: true });
  }
  return lines;
}

const NO_ORDERS: TOrder[] = [];

/** Candlestick chart of the selected market with interval picker, position lines and draggable order lines. */
export function ChartPanel({
  symbol,
  asset,
  positions,
  orders = NO_ORDERS,
}: {
  symbol: string;
  asset: string;
  positions: readonly TPosition[];
  orders?: readonly TOrder[];
}) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [chart, setChart] = useState<TChartHandle | null>(null);
  const move = useMutation({
    mutationFn: ({ orderId, price }: { orderId: string; price: string }) => modifyOrder(api, orderId, { price }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.account.state }),
    onError: (e) => toast({ tone: "danger", title: "Order not moved", description: userMessage(e).message }),
  });
  const marketOrders = useMemo(() => orders.filter((o) => o.asset === asset), [orders, asset]);
  const { subscribeTicks } = useSocket();
  const [interval, setInterval] = useState<TCandleInterval>("1m");
  const candles = useQuery(candlesQuery(api, symbol, interval));
  const market = useQuery({ ...marketsQuery(api), select: (all) => all.find((m) => m.symbol === symbol) });

  const subscribe = useCallback(
    (listener: (tick: TChartTick) => void) =>
      subscribeTicks(symbol, (tick) => listener({ price: tick.price, timestamp: tick.timestamp })),
    [symbol, subscribeTicks],
  );

  // Positions are re-sent at up to 4 Hz with new PnL; only rebuild lines when a level changes.
  const lineKey = linesFor(positions, asset)
    .map((l) => `${l.id}:${l.price}`)
    .join("|");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- lineKey captures every input that matters
  const priceLines = useMemo(() => linesFor(positions, asset), [lineKey]);

  const price = market.data?.price ?? null;
  const decimals = price === null ? 2 : priceDecimals(price);
  const stableDecimals = useMemo(() => decimals, [symbol]); // eslint-disable-line react-hooks/exhaustive-deps -- one precision per market, not per tick

  return (
    <section aria-label="Chart" className="flex h-full flex-col rounded-lg border border-zinc-800 bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-800 px-3 py-2">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold text-zinc-100">{formatSymbol(symbol)}</h2>
          <span className="font-mono text-sm tabular-nums text-zinc-300" data-testid="last-price">
            {formatPrice(price, stableDecimals)}
          </span>
        </div>
        <div role="group" aria-label="Chart interval" className="flex gap-0.5 rounded-md bg-zinc-950 p-0.5">
          {CANDLE_INTERVALS.map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={interval === value}
              aria-label={`${value} candles`}
              onClick={() => setInterval(value)}
              className={`rounded px-2 py-1 font-mono text-xs ${
                interval === value ? "bg-zinc-700 text-zinc-50" : "text-zinc-400 hover:text-zinc-200"
              }`}
            >
              {value}
            </button>
          ))}
        </div>
      </div>
      <div className="relative h-72 min-h-0 sm:h-96 lg:h-auto lg:flex-1">
        <CandleChart
          label={`${formatSymbol(symbol)} ${interval} candlestick chart`}
          candles={candles.data ?? NO_BARS}
          intervalSeconds={INTERVAL_SECONDS[interval]}
          priceDecimals={stableDecimals}
          priceLines={priceLines}
          subscribe={subscribe}
          onReady={setChart}
        />
        <OrderLines
          handle={chart}
          orders={marketOrders}
          decimals={stableDecimals}
          onMove={(order, price) => move.mutate({ orderId: order.orderId, price })}
        />
        {candles.isError ? (
          <p role="alert" className="absolute inset-x-0 top-2 mx-auto w-fit rounded bg-rose-950/90 px-3 py-1 text-xs text-rose-200">
            Could not load candle history.
          </p>
        ) : null}
      </div>
    </section>
  );
}
