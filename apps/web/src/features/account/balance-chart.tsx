"use client";

import { type TBalancePoint } from "@repo/shared-types/api";
import { AreaSeries, ColorType, createChart, LineSeries, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";

/** One value per second: lightweight-charts needs strictly ascending times, so the last point of a second wins. */
function perSecond(points: readonly { time: number; value: number }[]): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    const time = Math.floor(p.time / 1000) as UTCTimestamp;
    const last = out.at(-1);
    if (last && last.time >= time) last.value = p.value;
    else out.push({ time, value: p.value });
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
      line.setData(perSecond([{ time: last.time, value: last.balance }, { time: Math.max(now, last.time + 1000), value: equity }]));
    }
    chart.timeScale().fitContent();
    node.dataset.points = String(balanceData.length);
    return () => chart.remove();
  }, [points, equity, now]);
  return <div ref={container} role="img" aria-label="Balance and equity chart" className="h-56 w-full" />;
}
