"use client";

import { type TAlert, type TCandle, type TOrder, type TPosition } from "@repo/shared-types/api";
import { CANDLE_INTERVALS, INTERVAL_SECONDS, type TCandleInterval } from "@repo/shared-types/candle";
import { CandleChart, type TChartHandle, type TChartTick, type TPriceLine } from "@repo/ui/candle-chart";
import { formatSymbol, formatTickPrice, tickDecimals } from "@repo/ui/lib/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { alertsQuery } from "@/features/alerts/queries";
import { useSession } from "@/features/auth/session-provider";
import { candlesQuery, marketsQuery } from "@/features/markets/queries";
import { useSocket } from "@/features/realtime/socket-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { modifyOrder } from "@/features/trading/queries";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { INDICATORS, loadIndicators, saveIndicators, useIndicatorSeries, type TIndicatorId } from "./indicator-series";
import { OhlcLegend } from "./ohlc-legend";
import { OrderLines } from "./order-lines";
import { usePositionLines } from "./position-lines";

const NO_CANDLES: TCandle[] = [];

/** Entry and liquidation lines of the open positions in this market (stops: position-lines.ts). */
function linesFor(positions: readonly TPosition[], asset: string): TPriceLine[] {
  const lines: TPriceLine[] = [];
  for (const p of positions) {
    if (p.asset !== asset) continue;
    const side = p.type === "long" ? "L" : "S";
    lines.push({ id: `${p.positionId}-entry`, price: p.entryPrice, title: `${side} entry`, color: "#38bdf8" });
    lines.push({ id: `${p.positionId}-liq`, price: p.liquidationPrice, title: "Liq", color: "#f43f5e", dashed: true });
  }
  return lines;
}

/** One dotted line per armed alert of this market. */
function alertLines(alerts: readonly TAlert[] | undefined, symbol: string): TPriceLine[] {
  return (alerts ?? [])
    .filter((a) => a.symbol === symbol && a.triggeredAt === null)
    .map((a) => ({ id: `alert-${a.alertId}`, price: a.price, title: a.condition === "above" ? "Alert ≥" : "Alert ≤", color: "#a78bfa", dashed: true }));
}

const NO_ORDERS: TOrder[] = [];

/** Candlestick chart of the selected market with interval picker, position lines and draggable order lines. */
export function ChartPanel({
  symbol,
  asset,
  positions,
  onAlertAt,
  orders = NO_ORDERS,
}: {
  symbol: string;
  asset: string;
  positions: readonly TPosition[];
  /** The trader picked "Set alert" at a price from the chart's context menu. */
  onAlertAt: (price: string) => void;
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
  const positionLines = useMemo(() => linesFor(positions, asset), [lineKey]);
  const alerts = useQuery(alertsQuery(api));
  const priceLines = useMemo(() => [...positionLines, ...alertLines(alerts.data, symbol)], [positionLines, alerts.data, symbol]);
  const [menu, setMenu] = useState<{ price: string; x: number; y: number } | null>(null);

  const price = market.data?.price ?? null;
  const stableDecimals = tickDecimals(symbol);
  usePositionLines(chart, positions, asset, stableDecimals);
  // The terminal only renders on the client after sign-in, so localStorage is there to read.
  const [indicators, setIndicators] = useState<TIndicatorId[]>(loadIndicators);
  const toggleIndicator = (id: TIndicatorId) => {
    const next = indicators.includes(id) ? indicators.filter((i) => i !== id) : [...indicators, id];
    setIndicators(next);
    saveIndicators(next);
  };
  const history = candles.data ?? NO_CANDLES;
  useIndicatorSeries(chart, history, indicators);

  return (
    <section aria-label="Chart" className="flex h-full flex-col rounded-lg border border-zinc-800 bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-800 px-3 py-2">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold text-zinc-100">{formatSymbol(symbol)}</h2>
          <span className="font-mono text-sm tabular-nums text-zinc-300" data-testid="last-price">
            {formatTickPrice(symbol, price)}
          </span>
        </div>
        <div role="group" aria-label="Indicators" className="flex gap-0.5 rounded-md bg-zinc-950 p-0.5">
          {INDICATORS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              aria-pressed={indicators.includes(id)}
              onClick={() => toggleIndicator(id)}
              className={`rounded px-2 py-1 text-xs ${
                indicators.includes(id) ? "bg-zinc-700 text-zinc-50" : "text-zinc-400 hover:text-zinc-200"
              }`}
            >
              {label}
            </button>
          ))}
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
          candles={history}
          intervalSeconds={INTERVAL_SECONDS[interval]}
          priceDecimals={stableDecimals}
          priceLines={priceLines}
          subscribe={subscribe}
          onContextPrice={(picked, x, y) => setMenu({ price: picked.toFixed(stableDecimals), x, y })}
          onReady={setChart}
        />
        <OhlcLegend handle={chart} candles={history} decimals={stableDecimals} />
        <OrderLines
          handle={chart}
          orders={marketOrders}
          decimals={stableDecimals}
          onMove={(order, price) => move.mutateAsync({ orderId: order.orderId, price }).catch(() => undefined)}
        />
        {menu ? (
          <div
            role="menu"
            aria-label="Chart actions"
            className="absolute z-10 rounded border border-zinc-700 bg-zinc-900 p-1 shadow-lg"
            style={{ left: menu.x, top: menu.y }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setMenu(null);
            }}
          >
            <button
              type="button"
              role="menuitem"
              autoFocus
              onClick={() => {
                onAlertAt(menu.price);
                setMenu(null);
              }}
              className="block w-full rounded px-2 py-1 text-left text-xs text-zinc-200 hover:bg-zinc-800"
            >
              Set alert at {menu.price}
            </button>
            <button type="button" role="menuitem" onClick={() => setMenu(null)} className="block w-full rounded px-2 py-1 text-left text-xs text-zinc-400 hover:bg-zinc-800">
              Cancel
            </button>
          </div>
        ) : null}
        {candles.isError ? (
          <p role="alert" className="absolute inset-x-0 top-2 mx-auto w-fit rounded bg-rose-950/90 px-3 py-1 text-xs text-rose-200">
            Could not load candle history.
          </p>
        ) : null}
      </div>
    </section>
  );
}
