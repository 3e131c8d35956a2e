"use client";

import { type TOrder } from "@repo/shared-types/api";
import { type TChartHandle } from "@repo/ui/candle-chart";
import { formatPrice } from "@repo/ui/lib/format";
import { orderLabel } from "@repo/ui/pending-order-ticket";
import { LineStyle, type IPriceLine } from "lightweight-charts";
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

const HANDLE_HEIGHT = 20;

/** "Buy limit 150.00": the line's title on the chart and its handle's text. */
export function orderLineTitle(order: Pick<TOrder, "type" | "orderType">, price: number, decimals: number): string {
  return `${orderLabel(order.type, order.orderType)} ${formatPrice(price, decimals)}`;
}

interface DragState {
  orderId: string;
  price: number;
}

/**
 * A dashed price line per open order of this market, each with a handle at the chart's left edge
 * that a trader drags (or nudges with the arrow keys) to move the order; letting go sends the new
 * price. The chart itself never sees the drag: the handle sits above its canvas.
 */
export function OrderLines({
  handle,
  orders,
  decimals,
  onMove,
}: {
  handle: TChartHandle | null;
  orders: readonly TOrder[];
  decimals: number;
  onMove: (order: TOrder, price: string) => void;
}) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const lines = useRef(new Map<string, IPriceLine>());
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const priceOf = (order: TOrder) => (drag?.orderId === order.orderId ? drag.price : order.price);

  // The dashed lines, rebuilt when the set of orders or a price changes (a drag moves its line in place).
  const key = orders.map((o) => `${o.orderId}:${o.price}:${o.type}:${o.orderType}`).join("|");
  useEffect(() => {
    const series = handle?.series;
    if (!series) return;
    const created = new Map<string, IPriceLine>();
    for (const o of orders) {
      created.set(
        o.orderId,
        series.createPriceLine({
          price: o.price,
          title: orderLineTitle(o, o.price, decimals),
          color: o.type === "long" ? "#34d399" : "#fb7185",
          lineWidth: 1,
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
        }),
      );
    }
    lines.current = created;
    return () => {
      for (const line of created.values()) {
        try {
          series.removePriceLine(line);
        } catch {
          // The chart was removed first (unmount): its lines went with it.
        }
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures every order field drawn
  }, [handle, key, decimals]);

  // Handles follow their line as the price scale moves (autoscale, zoom): positioned every frame.
  useEffect(() => {
    const series = handle?.series;
    if (!series || orders.length === 0) return;
    let frame = 0;
    const place = () => {
      for (const [orderId, el] of handles.current) {
        const price = Number(el.dataset.price);
        const y = series.priceToCoordinate(price);
        el.style.visibility = y === null ? "hidden" : "visible";
        if (y !== null) el.style.top = `${y - HANDLE_HEIGHT / 2}px`;
        lines.current.get(orderId)?.applyOptions({ price });
      }
      frame = requestAnimationFrame(place);
    };
    frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [handle, orders.length]);

  if (!handle) return null;
  const tick = 10 ** -decimals;
  const round = (price: number) => Math.max(tick, Math.round(price / tick) * tick);

  const priceAt = (event: PointerEvent<HTMLButtonElement>): number | null => {
    const box = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!box) return null;
    const price = handle.series.coordinateToPrice(event.clientY - box.top);
    return price === null ? null : round(price);
  };
  const commit = (order: TOrder, price: number) => {
    lines.current.get(order.orderId)?.applyOptions({ title: orderLineTitle(order, price, decimals) });
    if (price !== order.price) onMove(order, price.toFixed(decimals));
  };

  return (
    <>
      {orders.map((o) => {
        const price = priceOf(o);
        const title = orderLineTitle(o, price, decimals);
        return (
          <button
            key={o.orderId}
            type="button"
            ref={(el) => {
              if (el) handles.current.set(o.orderId, el);
              else handles.current.delete(o.orderId);
            }}
            data-price={price}
            role="slider"
            aria-label={`${orderLabel(o.type, o.orderType)} order line`}
            aria-valuenow={price}
            aria-valuetext={title}
            aria-orientation="vertical"
            title="Drag to move the order"
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture(event.pointerId);
              setDrag({ orderId: o.orderId, price: o.price });
            }}
            onPointerMove={(event) => {
              if (drag?.orderId !== o.orderId) return;
              const next = priceAt(event);
              if (next !== null) setDrag({ orderId: o.orderId, price: next });
            }}
            onPointerUp={(event) => {
              if (drag?.orderId !== o.orderId) return;
              event.currentTarget.releasePointerCapture(event.pointerId);
              const next = priceAt(event) ?? drag.price;
              setDrag(null);
              commit(o, next);
            }}
            onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
              if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
              event.preventDefault();
              commit(o, round(o.price + (event.key === "ArrowUp" ? tick : -tick)));
            }}
            style={{ height: HANDLE_HEIGHT }}
            className={`absolute left-2 z-10 flex cursor-ns-resize touch-none select-none items-center rounded border border-dashed px-2 font-mono text-[11px] ${
              o.type === "long" ? "border-emerald-400 bg-emerald-950/90 text-emerald-200" : "border-rose-400 bg-rose-950/90 text-rose-200"
            } ${drag?.orderId === o.orderId ? "ring-2 ring-sky-400" : ""}`}
          >
            ⇕ {title}
          </button>
        );
      })}
    </>
  );
}
