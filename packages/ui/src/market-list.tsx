import { formatPercent, formatPrice, formatSymbol } from "./lib/format";

export interface TMarketRow {
  symbol: string;
  bid: number | null;
  ask: number | null;
  /** 24 h change in percent, null until history is known. */
  changePercent: number | null;
  stale: boolean;
}

/** The tradable markets with live bid/ask and 24 h change; picking one drives chart and ticket. */
export function MarketList({
  markets,
  selected,
  onSelect,
}: {
  markets: readonly TMarketRow[];
  selected: string;
  onSelect: (symbol: string) => void;
}) {
  return (
    <ul aria-label="Markets" className="grid grid-cols-3 gap-2 lg:grid-cols-1 lg:gap-1">
      {markets.map((m) => {
        const active = m.symbol === selected;
        const change = m.changePercent;
        const changeTone = change === null ? "text-zinc-500" : change >= 0 ? "text-emerald-400" : "text-rose-400";
        return (
          <li key={m.symbol}>
            <button
              type="button"
              aria-label={formatSymbol(m.symbol)}
              aria-pressed={active}
              onClick={() => onSelect(m.symbol)}
              className={`w-full rounded-md border px-2 py-1.5 text-left transition-colors lg:px-3 lg:py-2 ${
                active ? "border-sky-500/60 bg-zinc-800" : "border-zinc-800 bg-zinc-900 hover:bg-zinc-800/70"
              }`}
            >
              <span className="flex items-baseline justify-between gap-1">
                <span className="text-sm font-semibold text-zinc-100">{m.symbol.split("_")[0]}</span>
                <span data-testid="change" className={`font-mono text-[11px] tabular-nums ${changeTone}`}>
                  {formatPercent(change)}
                </span>
              </span>
              <span className="mt-0.5 flex flex-col font-mono text-[11px] tabular-nums leading-tight lg:flex-row lg:justify-between lg:text-xs">
                <span className="text-rose-300">
                  <span className="text-zinc-500 lg:hidden">B </span>
                  <span data-testid="bid">{formatPrice(m.bid)}</span>
                </span>
                <span className="text-emerald-300">
                  <span className="text-zinc-500 lg:hidden">A </span>
                  <span data-testid="ask">{formatPrice(m.ask)}</span>
                </span>
              </span>
              {m.stale ? <span className="mt-0.5 block text-[10px] font-medium uppercase text-rose-400">stale</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
