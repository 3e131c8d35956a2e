import { type TCandle } from "@repo/shared-types/api";
import { type TChartHandle } from "@repo/ui/candle-chart";
import { HistogramSeries, LineSeries, LineStyle, type ISeriesApi, type SeriesType, type UTCTimestamp } from "lightweight-charts";
import { useEffect } from "react";
import { bollinger, ema, rsi, sma, type TPoint } from "./indicators";

export const INDICATORS = [
  { id: "sma20", label: "SMA 20" },
  { id: "ema50", label: "EMA 50" },
  { id: "bollinger", label: "Bollinger" },
  { id: "rsi", label: "RSI" },
  { id: "volume", label: "Volume" },
] as const;
export type TIndicatorId = (typeof INDICATORS)[number]["id"];

const STORAGE_KEY = "chart-indicators";
const KNOWN = new Set<string>(INDICATORS.map((i) => i.id));

/** A stored selection; unknown ids, repeats and malformed values are dropped. */
export function parseIndicators(raw: string | null): TIndicatorId[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? "[]");
    if (!Array.isArray(parsed)) return [];
    const ids = parsed.filter((id): id is TIndicatorId => typeof id === "string" && KNOWN.has(id));
    return [...new Set(ids)];
  } catch {
    return [];
  }
}

/** The trader's indicator selection from the last visit. */
export function loadIndicators(): TIndicatorId[] {
  try {
    return parseIndicators(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be blocked (privacy mode); the chart then starts bare.
    return [];
  }
}

export function saveIndicators(ids: readonly TIndicatorId[]): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
}

const toLine = (points: TPoint[]) => points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));

/** RSI gets its own pane under the candles. */
const RSI_PANE = 1;

/**
 * Draws the selected indicators as extra series on the chart, computed from the candle history.
 * Every series is rebuilt when the history or the selection changes (a few hundred points).
 */
export function useIndicatorSeries(handle: TChartHandle | null, candles: readonly TCandle[], selected: readonly TIndicatorId[]) {
  useEffect(() => {
    if (handle === null) return;
    const { chart } = handle;
    const added: ISeriesApi<SeriesType>[] = [];
    const line = (points: TPoint[], color: string, title: string, pane = 0) => {
      const series = chart.addSeries(
        LineSeries,
        { color, lineWidth: 1, title, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false },
        pane,
      );
      series.setData(toLine(points));
      added.push(series);
      return series;
    };
    const on = new Set(selected);
    if (on.has("sma20")) line(sma(candles, 20), "#facc15", "SMA 20");
    if (on.has("ema50")) line(ema(candles, 50), "#38bdf8", "EMA 50");
    if (on.has("bollinger")) {
      const bands = bollinger(candles, 20, 2);
      line(bands.upper, "#a78bfa", "BB upper");
      line(bands.middle, "#7c3aed", "BB mid");
      line(bands.lower, "#a78bfa", "BB lower");
    }
    if (on.has("volume")) {
      const volume = chart.addSeries(HistogramSeries, { priceScaleId: "volume", priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false });
      // Volume sits in the bottom fifth of the price pane on its own, unlabelled scale.
      chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      volume.setData(
        candles.map((c) => ({
          time: c.time as UTCTimestamp,
          value: c.volume,
          color: c.close >= c.open ? "rgba(16,185,129,0.35)" : "rgba(244,63,94,0.35)",
        })),
      );
      added.push(volume);
    }
    if (on.has("rsi")) {
      const series = line(rsi(candles, 14), "#f472b6", "RSI 14", RSI_PANE);
      series.applyOptions({ lastValueVisible: true, priceFormat: { type: "price", precision: 1, minMove: 0.1 } });
      for (const level of [70, 30]) series.createPriceLine({ price: level, color: "#52525b", lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false, title: "" });
      chart.panes()[RSI_PANE]?.setStretchFactor(0.35);
    }
    return () => {
      for (const series of added) chart.removeSeries(series);
      // An emptied RSI pane would otherwise keep its share of the height.
      const pane = chart.panes()[RSI_PANE];
      if (pane && pane.getSeries().length === 0) chart.removePane(RSI_PANE);
    };
  }, [handle, candles, selected]);
}
