"use client";

import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  createChart,
  LineStyle,
  type CandlestickData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef } from "react";
import { mergeTick, type TBar } from "./lib/candles";

/** A horizontal marker on the chart, e.g. an entry or liquidation price. */
export interface TPriceLine {
  id: string;
  price: number;
  title: string;
  color: string;
  dashed?: boolean;
}

/** A live trade price for the chart's symbol. */
export interface TChartTick {
  price: number;
  timestamp: number;
}

/** The live chart and its series, for overlays that draw or drag on it (order lines). */
export interface TChartHandle {
  chart: IChartApi;
  series: ISeriesApi<"Candlestick">;
}

export interface CandleChartProps {
  /** Accessible description, e.g. "SOL/USDC 1m candlestick chart". */
  label: string;
  /** History, ascending by time; replacing the array re-seeds the series. */
  candles: readonly TBar[];
  intervalSeconds: number;
  priceDecimals: number;
  priceLines: readonly TPriceLine[];
  /** Registers a tick listener for this chart's symbol; returns the unsubscribe function. */
  subscribe: (listener: (tick: TChartTick) => void) => () => void;
  /** Told the chart once it exists, and null when it is removed. */
  onReady?: (handle: TChartHandle | null) => void;
}

/** Exposes the series' size on the DOM so tests and tools can see the chart drew something. */
function markDom(el: HTMLElement | null, count: number, last: TBar | undefined) {
  if (!el) return;
  el.dataset.barCount = String(count);
  el.dataset.lastClose = last ? String(last.close) : "";
}

const toData = (bar: TBar): CandlestickData<UTCTimestamp> => ({ ...bar, time: bar.time as UTCTimestamp });

/**
 * Candlestick chart: `setData` once per history, `series.update()` per tick. A tick older than the
 * last bar is dropped, so the series never throws "Cannot update oldest data".
 */
export function CandleChart({ label, candles, intervalSeconds, priceDecimals, priceLines, subscribe, onReady }: CandleChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const lastBarRef = useRef<TBar | undefined>(undefined);
  const barCountRef = useRef(0);
  const onReadyRef = useRef(onReady);
  // Declared before the effect that creates the chart, so that effect sees the latest callback.
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: "#09090b" },
        textColor: "#a1a1aa",
        fontSize: 11,
        attributionLogo: false,
      },
      grid: { vertLines: { color: "#18181b" }, horzLines: { color: "#18181b" } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: "#27272a" },
      timeScale: { borderColor: "#27272a", timeVisible: true, secondsVisible: false, rightOffset: 4 },
    });
    const series = chart.addSeries(CandlestickSeries, {
      upColor: "#10b981",
      downColor: "#f43f5e",
      borderVisible: false,
      wickUpColor: "#10b981",
      wickDownColor: "#f43f5e",
    });
    chartRef.current = chart;
    seriesRef.current = series;
    onReadyRef.current?.({ chart, series });
    return () => {
      chartRef.current = null;
      seriesRef.current = null;
      onReadyRef.current?.(null);
      chart.remove();
    };
  }, []);

  useEffect(() => {
    seriesRef.current?.applyOptions({
      priceFormat: { type: "price", precision: priceDecimals, minMove: 10 ** -priceDecimals },
    });
  }, [priceDecimals]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    series.setData(candles.map(toData));
    lastBarRef.current = candles[candles.length - 1];
    barCountRef.current = candles.length;
    markDom(containerRef.current, barCountRef.current, lastBarRef.current);
    chartRef.current?.timeScale().scrollToRealTime();
  }, [candles]);

  useEffect(
    () =>
      subscribe((tick) => {
        const series = seriesRef.current;
        if (!series) return;
        const result = mergeTick(lastBarRef.current, tick.price, tick.timestamp, intervalSeconds);
        if (result.kind === "ignore") return;
        series.update(toData(result.bar));
        lastBarRef.current = result.bar;
        if (result.kind === "append") barCountRef.current += 1;
        markDom(containerRef.current, barCountRef.current, lastBarRef.current);
      }),
    [subscribe, intervalSeconds],
  );

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    const lines: IPriceLine[] = priceLines.map((line) =>
      series.createPriceLine({
        price: line.price,
        title: line.title,
        color: line.color,
        lineWidth: 1,
        lineStyle: line.dashed ? LineStyle.Dashed : LineStyle.Solid,
        axisLabelVisible: true,
      }),
    );
    return () => {
      // After unmount the chart (and its lines) are already gone.
      if (seriesRef.current !== series) return;
      for (const line of lines) series.removePriceLine(line);
    };
  }, [priceLines]);

  return <div ref={containerRef} role="img" aria-label={label} data-testid="candle-chart" className="h-full w-full" />;
}
