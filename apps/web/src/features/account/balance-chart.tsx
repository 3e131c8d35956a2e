"use client";

import { type TBalancePoint } from "@repo/shared-types/api";
import { AreaSeries, ColorType, createChart, LineSeries, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";

/**
 * Seconds for the chart, which needs strictly ascending times: points of one second (a reset's
 * closes and its adjustment) are spread a second apart, so every step of the curve shows.
 */
function perSecond(points: readonly { time: number; value: number }[]): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    const last = out.at(-1);
    const time = Math.max(Math.floor(p.time / 1000), last === undefined ? 0 : last.time + 1) as UTCTimestamp;
    out.push({ time, value: p.value });
  }
  return out;
}

/** The balance curve as an area and the equity (balance plus open PnL) as a line ending now. */
export function BalanceChart({ points, equity, now }: { points: readonly TBalancePoint[]; equity: number | null; now: number }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = container.current;
    if (!node) return;
    const chart = createChart(node, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "#09090b" }, textColor: "#a1a1aa", fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: "#18181b" }, horzLines: { color: "#18181b" } },
      rightPriceScale: { borderColor: "#27272a" },
      timeScale: { borderColor: "#27272a", timeVisible: true, secondsVisible: true },
      localization: { priceFormatter: (price: number) => price.toFixed(2) },
    });
    const balance = chart.addSeries(AreaSeries, {
      lineColor: "#38bdf8",
      topColor: "rgba(56,189,248,0.35)",
      bottomColor: "rgba(56,189,248,0.02)",
      lineWidth: 2,
      title: "Balance",
    });
    const balanceData = perSecond(points.map((p) => ({ time: p.time, value: p.balance })));
    balance.setData(balanceData);
    const last = points.at(-1);
    if (equity !== null && last) {
      const line = chart.addSeries(LineSeries, { color: "#a78bfa", lineWidth: 2, lineStyle: 2, title: "Equity" });
      const end = balanceData.at(-1);
      if (end) line.setData([{ time: end.time, value: end.value }, { time: Math.max(Math.floor(now / 1000), end.time + 1) as UTCTimestamp, value: equity }]);
    }
    chart.timeScale().fitContent();
    node.dataset.points = String(balanceData.length);
    return () => chart.remove();
  }, [points, equity, now]);
  return <div ref={container} role="img" aria-label="Balance and equity chart" className="h-56 w-full" />;
}
