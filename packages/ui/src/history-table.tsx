import { type TClosedPosition, type TCloseReason } from "@repo/shared-types/api";
import { formatExactPrice, formatPrice, formatQty, formatUsd, pnlTone } from "./lib/format";

const th = "px-2.5 py-2 text-left text-[11px] font-medium uppercase tracking-wide text-zinc-500 whitespace-nowrap";
const td = "px-2.5 py-2 font-mono text-xs tabular-nums whitespace-nowrap";

/** How a close reason reads to a trader. */
export const CLOSE_REASON_LABEL: Record<TCloseReason, string> = {
  manual: "Manual",
  liquidation: "Liquidation",
  stop_loss: "Stop loss",
  take_profit: "Take profit",
  trailing_stop: "Trailing stop",
  reset: "Account reset",
};

const REASON_TONE: Record<TCloseReason, string> = {
  manual: "text-zinc-300",
  liquidation: "text-rose-400",
  stop_loss: "text-amber-300",
  take_profit: "text-emerald-400",
  trailing_stop: "text-amber-300",
  reset: "text-zinc-400",
};

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });

/** Closed positions, newest first, with close reason and realised PnL. */
export function HistoryTable({ positions }: { positions: readonly TClosedPosition[] }) {
  if (positions.length === 0) {
    return <p className="px-3 py-6 text-center text-sm text-zinc-500">No closed positions yet.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[660px]">
        <caption className="sr-only">Closed positions</caption>
        <thead>
          <tr className="border-b border-zinc-800">
            <th scope="col" className={th}>Market</th>
            <th scope="col" className={th}>Size</th>
            <th scope="col" className={th}>Entry</th>
            <th scope="col" className={th}>Close</th>
            <th scope="col" className={th}>Margin</th>
            <th scope="col" className={th}>Reason</th>
            <th scope="col" className={`${th} text-right`}>Realised PnL</th>
            <th scope="col" className={th}>Closed</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.positionId} className="border-b border-zinc-900 last:border-0" data-position-id={p.positionId}>
              <td className={td}>
                <span className="font-sans font-semibold text-zinc-100">{p.asset}</span>{" "}
                <span className={p.type === "long" ? "text-emerald-400" : "text-rose-400"}>
                  {p.type === "long" ? "Long" : "Short"} {p.leverage}x
                </span>
              </td>
              <td className={td}>{formatQty(p.quantity)}</td>
              <td className={td}>{formatExactPrice(p.entryPrice)}</td>
              <td className={td}>{formatPrice(p.closePrice)}</td>
              <td className={td}>{formatUsd(p.margin)}</td>
              <td className={`${td} font-sans ${REASON_TONE[p.closeReason]}`}>{CLOSE_REASON_LABEL[p.closeReason]}</td>
              <td className={`${td} text-right ${pnlTone(p.realizedPnL)}`} data-testid="realized-pnl">
                {formatUsd(p.realizedPnL, { signed: true })}
              </td>
              <td className={`${td} text-zinc-500`}>{time.format(new Date(p.closedAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
