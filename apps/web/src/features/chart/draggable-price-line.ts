import type { TChartHandle } from "@repo/ui/candle-chart";
import { LineStyle, type IPriceLine } from "lightweight-charts";

/** One horizontal line this helper draws; `draggable` lines can be moved with the mouse. */
export interface TDraggableLineSpec {
  id: string;
  price: number;
  title: string;
  color: string;
  draggable: boolean;
}

/**
 * Where a drop went: resolve true to keep the line where it was dropped (the new level arrives
 * with the next `set`), false to snap it back to its level.
 */
export type TLineDrop = (id: string, price: number) => Promise<boolean>;

export interface DraggablePriceLines {
  /** Replaces the drawn lines (by id): creates, moves and removes as needed; a line being dragged keeps its place. */
  set(lines: readonly TDraggableLineSpec[]): void;
  destroy(): void;
}

/** How close (px) the pointer must be to a line to grab it. */
const GRAB_PX = 6;

interface Drawn {
  spec: TDraggableLineSpec;
  line: IPriceLine;
}

/**
 * Horizontal price lines on a lightweight-charts series that can be dragged with the mouse (SL
 * and TP lines of positions, pending order prices). The chart draws on a canvas, so the helper
 * hit-tests pointer events against each line's coordinate; while a line is dragged the chart's
 * own panning is off. Each draggable line's current y (px from the top of the chart) is kept in
 * `data-drag-lines` on the container as JSON `[{id, title, y}]`, refreshed on every pointer move,
 * so tests and tools can find them on the canvas.
 */
export function createDraggablePriceLines(context: TChartHandle, onDrop: TLineDrop): DraggablePriceLines {
  const { chart, series, container } = context;
  const drawn = new Map<string, Drawn>();
  let dragging: { id: string; from: number } | null = null;

  const yOf = (price: number): number | null => series.priceToCoordinate(price);
  const localY = (event: PointerEvent): number => event.clientY - container.getBoundingClientRect().top;

  const publish = (): void => {
    const rows: { id: string; title: string; y: number }[] = [];
    for (const { spec, line } of drawn.values()) {
      const y = spec.draggable ? yOf(line.options().price) : null;
      if (y !== null) rows.push({ id: spec.id, title: spec.title, y: Math.round(y) });
    }
    container.dataset.dragLines = JSON.stringify(rows);
  };

  const lineAt = (y: number): Drawn | null => {
    let best: Drawn | null = null;
    let bestDistance = GRAB_PX + 1;
    for (const entry of drawn.values()) {
      if (!entry.spec.draggable) continue;
      const lineY = yOf(entry.line.options().price);
      if (lineY === null) continue;
      const distance = Math.abs(lineY - y);
      if (distance < bestDistance) {
        best = entry;
        bestDistance = distance;
      }
    }
    return best;
  };

  const setPanning = (on: boolean): void => {
    chart.applyOptions({ handleScroll: on, handleScale: on });
  };

  const onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const hit = lineAt(localY(event));
    if (hit === null) return;
    dragging = { id: hit.spec.id, from: hit.line.options().price };
    setPanning(false);
    container.setPointerCapture(event.pointerId);
    event.preventDefault();
    event.stopPropagation();
  };

  const onPointerMove = (event: PointerEvent): void => {
    if (dragging === null) {
      container.style.cursor = lineAt(localY(event)) === null ? "" : "ns-resize";
      publish();
      return;
    }
    const price = series.coordinateToPrice(localY(event));
    const entry = drawn.get(dragging.id);
    if (price !== null && entry !== undefined) entry.line.applyOptions({ price });
    publish();
  };

  const onPointerUp = (event: PointerEvent): void => {
    if (dragging === null) return;
    const { id, from } = dragging;
    dragging = null;
    setPanning(true);
    if (container.hasPointerCapture(event.pointerId)) container.releasePointerCapture(event.pointerId);
    const entry = drawn.get(id);
    if (entry === undefined) return;
    const to = entry.line.options().price;
    if (to === from) return;
    void onDrop(id, to).then((keep) => {
      const current = drawn.get(id);
      if (!keep && current !== undefined && dragging?.id !== id) current.line.applyOptions({ price: current.spec.price });
      publish();
    });
  };

  // Capture phase: the chart's own handlers must not start a pan when a line is grabbed.
  container.addEventListener("pointerdown", onPointerDown, true);
  container.addEventListener("pointermove", onPointerMove);
  container.addEventListener("pointerup", onPointerUp);
  container.addEventListener("pointercancel", onPointerUp);

  return {
    set(lines) {
      const keep = new Set(lines.map((l) => l.id));
      for (const [id, entry] of drawn) {
        if (keep.has(id)) continue;
        series.removePriceLine(entry.line);
        drawn.delete(id);
      }
      for (const spec of lines) {
        const entry = drawn.get(spec.id);
        const options = {
          price: spec.price,
          title: spec.title,
          color: spec.color,
          lineWidth: spec.draggable ? (2 as const) : (1 as const),
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
        };
        if (entry === undefined) {
          drawn.set(spec.id, { spec, line: series.createPriceLine(options) });
          continue;
        }
        entry.spec = spec;
        // The line under the mouse stays where the mouse is.
        if (dragging?.id !== spec.id) entry.line.applyOptions(options);
      }
      publish();
    },
    destroy() {
      container.removeEventListener("pointerdown", onPointerDown, true);
      container.removeEventListener("pointermove", onPointerMove);
      container.removeEventListener("pointerup", onPointerUp);
      container.removeEventListener("pointercancel", onPointerUp);
      for (const entry of drawn.values()) series.removePriceLine(entry.line);
      drawn.clear();
      delete container.dataset.dragLines;
    },
  };
}
