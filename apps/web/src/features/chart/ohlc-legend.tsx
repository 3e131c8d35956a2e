"use client";

import { type TCandle } from "@repo/shared-types/api";
import { type TChartHandle } from "@repo/ui/candle-chart";
import { type CandlestickData, type MouseEventParams, type Time } from "lightweight-charts";
import { useEffect, useMemo, useState } from "react";

interface TLegendBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number | null;
}

const volumeFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

/** O H L C and volume of the candle under the crosshair (the latest candle when the pointer is away). */
export function OhlcLegend({ handle, candles, decimals }: { handle: TChartHandle | null; candles: readonly TCandle[]; decimals: number }) {
  const [hovered, setHovered] = useState<TLegendBar | null>(null);
  const volumeAt = useMemo(() => new Map(candles.map((c) => [c.time, c.volume])), [candles]);

  useEffect(() => {
    if (handle === null) return;
    const onMove = (param: MouseEventParams<Time>) => {
      const bar = param.seriesData.get(handle.series) as CandlestickData<Time> | undefined;
      if (param.time === undefined || bar === undefined) {
        setHovered(null);
        return;
      }
      // The live candle is not in the history yet, so its volume is unknown here.
      setHovered({ open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: volumeAt.get(param.time as number) ?? null });
    };
    handle.chart.subscribeCrosshairMove(onMove);
    return () => handle.chart.unsubscribeCrosshairMove(onMove);
  }, [handle, volumeAt]);

  const last = candles[candles.length - 1];
  const shown = hovered ?? (last ? { ...last } : null);
  if (shown === null) return null;
  const up = shown.close >= shown.open;
  const fields: [string, string][] = [
    ["O", shown.open.toFixed(decimals)],
    ["H", shown.high.toFixed(decimals)],
    ["L", shown.low.toFixed(decimals)],
    ["C", shown.close.toFixed(decimals)],
    ["V", shown.volume === null ? "–" : volumeFormat.format(shown.volume)],
  ];
  return (
    <div
      data-testid="ohlc-legend"
      aria-label="Candle values"
      data-source={hovered ? "crosshair" : "latest"}
      className="pointer-events-none absolute left-2 top-2 z-[1] flex gap-2 rounded bg-zinc-950/70 px-1.5 py-0.5 font-mono text-[11px] tabular-nums"
    >
      {fields.map(([name, value]) => (
        <span key={name} className="text-zinc-500">
          {name} <span className={name === "V" ? "text-zinc-300" : up ? "text-emerald-400" : "text-rose-400"}>{value}</span>
        </span>
      ))}
    </div>
  );
}
