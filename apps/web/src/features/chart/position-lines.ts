import { type TPosition } from "@repo/shared-types/api";
import { type TChartHandle } from "@repo/ui/candle-chart";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { modifyPosition } from "@/features/trading/queries";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { createDraggablePriceLines, type DraggablePriceLines, type TDraggableLineSpec } from "./draggable-price-line";

/** The SL and TP lines of this market's positions (draggable) and their trailing stops (moving live). */
export function stopLinesFor(positions: readonly TPosition[], asset: string): TDraggableLineSpec[] {
  const lines: TDraggableLineSpec[] = [];
  for (const p of positions) {
    if (p.asset !== asset) continue;
    const side = p.type === "long" ? "L" : "S";
    if (p.stopLoss !== null)
      lines.push({ id: `${p.positionId}:stopLoss`, price: p.stopLoss, title: `${side} SL`, color: "#f59e0b", draggable: true });
    if (p.takeProfit !== null)
      lines.push({ id: `${p.positionId}:takeProfit`, price: p.takeProfit, title: `${side} TP`, color: "#10b981", draggable: true });
    if (p.trailingStop !== null)
      lines.push({ id: `${p.positionId}:trailing`, price: p.trailingStop.level, title: `${side} Trail`, color: "#a78bfa", draggable: false });
  }
  return lines;
}

/**
 * Draws the stop lines of the selected market's positions on the chart; dropping a dragged SL or
 * TP line sends the PATCH (at the chart's price precision), and a refused level snaps back with
 * the server's reason in a toast.
 */
export function usePositionLines(context: TChartHandle | null, positions: readonly TPosition[], asset: string, decimals: number) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const linesRef = useRef<DraggablePriceLines | null>(null);
  const dropRef = useRef<(id: string, price: number) => Promise<boolean>>(() => Promise.resolve(false));

  dropRef.current = async (id, price) => {
    const [positionId, field] = id.split(":");
    if (positionId === undefined || (field !== "stopLoss" && field !== "takeProfit")) return false;
    const scale = 10 ** decimals;
    const level = Math.round(price * scale) / scale;
    try {
      await modifyPosition(api, positionId, { [field]: level });
      await queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
      return true;
    } catch (error) {
      toast({ tone: "danger", title: field === "stopLoss" ? "Stop loss refused" : "Take profit refused", description: userMessage(error).message });
      return false;
    }
  };

  useEffect(() => {
    if (context === null) return;
    const lines = createDraggablePriceLines(context, (id, price) => dropRef.current(id, price));
    linesRef.current = lines;
    return () => {
      linesRef.current = null;
      lines.destroy();
    };
  }, [context]);

  const key = stopLinesFor(positions, asset)
    .map((l) => `${l.id}=${l.price}`)
    .join("|");
  useEffect(() => {
    linesRef.current?.set(stopLinesFor(positions, asset));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key captures every level that matters
  }, [key, context]);
}
