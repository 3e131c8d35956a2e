import { type TPosition } from "@repo/shared-types/api";
import { MARKETS } from "@repo/shared-types/market";
import { type ReactNode } from "react";
import { formatExactPrice, formatQty, formatTickPrice, formatUsd, liquidationTick, pnlTone } from "./lib/format";

const SYMBOL_OF = new Map<string, string>(MARKETS.map((m) => [m.asset, m.symbol]));

/**
 * How far the mark is from the liquidation tick, in percent of the mark, as a bar that fills
 * from 0 to 20 % and turns amber under 10 % and red under 3 %.
 */
function LiquidationDistance({ mark, liquidation }: { mark: number; liquidation: number }) {
  const percent = mark > 0 && liquidation > 0 ? (Math.abs(mark - liquidation) / mark) * 100 : null;
  if (percent === null) return <span className="text-zinc-500">—</span>;
  const tone = percent < 3 ? "bg-rose-500" : percent < 10 ? "bg-amber-400" : "bg-emerald-500";
  return (
    <span className="flex items-center gap-1.5" title="Distance to liquidation">
      <span
        role="meter"
        aria-label="Distance to liquidation"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Number(percent.toFixed(2))}
        className="h-1.5 w-12 overflow-hidden rounded bg-zinc-800"
      >
        <span className={`block h-full ${tone}`} style={{ width: `${Math.min(100, (percent / 20) * 100)}%` }} />
      </span>
      <span data-testid="liquidation-distance">{percent.toFixed(2)}%</span>
    </span>
  );
}

const th = "px-2.5 py-2 text-left text-[11px] font-medium uppercase tracking-wide text-zinc-500 whitespace-nowrap";
const td = "px-2.5 py-2 font-mono text-xs tabular-nums whitespace-nowrap";

/**
 * Open positions with live PnL and a close button per row. An app may put its own stop editor
 * in the SL / TP cell (`renderStops`) and more row actions before Close (`renderActions`).
 */
export function PositionsTable({
  positions,
  closingId,
  onClose,
  renderStops,
  renderActions,
}: {
  positions: readonly TPosition[];
  closingId: string | null;
  onClose: (positionId: string) => void;
  renderStops?: (position: TPosition) => ReactNode;
  renderActions?: (position: TPosition) => ReactNode;
}) {
  if (positions.length === 0) {
    return <p className="px-3 py-6 text-center text-sm text-zinc-500">No open positions.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[780px]">
        <caption className="sr-only">Open positions</caption>
        <thead>
          <tr className="border-b border-zinc-800">
            <th scope="col" className={th}>Market</th>
            <th scope="col" className={th}>Size</th>
            <th scope="col" className={th}>Entry</th>
            <th scope="col" className={th}>Mark</th>
            <th scope="col" className={th}>Liq. price</th>
            <th scope="col" className={th}>To liq.</th>
            <th scope="col" className={th}>SL / TP</th>
            <th scope="col" className={th}>Margin</th>
            <th scope="col" className={`${th} text-right`}>PnL</th>
            <th scope="col" className={`${th} sticky right-0 bg-zinc-900`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => {
            const roe = p.margin > 0 ? (p.unrealizedPnL / p.margin) * 100 : 0;
            const symbol = SYMBOL_OF.get(p.asset) ?? `${p.asset}_USDC`;
            const liq = liquidationTick(symbol, p.type, p.liquidationPrice);
            return (
              <tr key={p.positionId} className="border-b border-zinc-900 last:border-0" data-position-id={p.positionId}>
                <td className={td}>
                  <span className="font-sans font-semibold text-zinc-100">{p.asset}</span>{" "}
                  <span className={p.type === "long" ? "text-emerald-400" : "text-rose-400"}>
                    {p.type === "long" ? "Long" : "Short"} {p.leverage}x
                  </span>
                </td>
                <td className={td}>{formatQty(p.quantity)}</td>
                <td className={td} data-testid="position-entry">
                  {formatExactPrice(p.entryPrice)}
                </td>
                <td className={td}>{formatTickPrice(symbol, p.currentPrice)}</td>
                <td className={`${td} text-amber-300`} data-testid="position-liquidation">
                  {p.liquidationPrice > 0 ? formatTickPrice(symbol, liq) : "—"}
                </td>
                <td className={td}>
                  {p.liquidationPrice > 0 ? <LiquidationDistance mark={p.currentPrice} liquidation={liq} /> : <span className="text-zinc-500">—</span>}
                </td>
                <td className={`${td} text-zinc-400`}>
                  {renderStops ? renderStops(p) : <>{formatExactPrice(p.stopLoss)} / {formatExactPrice(p.takeProfit)}</>}
                </td>
                <td className={td}>{formatUsd(p.margin)}</td>
                <td className={`${td} text-right ${pnlTone(p.unrealizedPnL)}`} data-testid="position-pnl">
                  {formatUsd(p.unrealizedPnL, { signed: true })}
                  <span className="ml-1 text-[10px] opacity-70">({roe >= 0 ? "+" : ""}{roe.toFixed(1)}%)</span>
                </td>
                <td className={`${td} sticky right-0 bg-zinc-900 text-right shadow-[-8px_0_8px_-6px_rgba(0,0,0,0.6)]`}>
                  {renderActions?.(p)}
                  <button
                    type="button"
                    aria-label={`Close ${p.asset} ${p.type} position`}
                    disabled={closingId === p.positionId}
                    onClick={() => onClose(p.positionId)}
                    className="rounded border border-zinc-700 px-2.5 py-1 font-sans text-xs text-zinc-200 hover:border-rose-500 hover:text-rose-300 disabled:opacity-50"
                  >
                    {closingId === p.positionId ? "Closing…" : "Close"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
