import { formatPercent, formatPrice, formatSymbol } from "./lib/format";

export interface TMarketStats {
  symbol: string;
  bid: number | null;
  ask: number | null;
  changePercent: number | null;
  source: "backpack" | "simulator" | null;
  maxLeverage: number;
}

/** Details of the selected market: spread, mid, 24 h change, where prices come from. */
export function MarketStats({ market }: { market: TMarketStats }) {
  const { bid, ask } = market;
  const spread = bid !== null && ask !== null ? ask - bid : null;
  const mid = bid !== null && ask !== null ? (bid + ask) / 2 : null;
  const spreadPct = spread !== null && mid ? (spread / mid) * 100 : null;
  const row = (label: string, value: string, tone = "text-zinc-200") => (
    <>
      <dt className="text-zinc-500">{label}</dt>
      <dd className={`text-right font-mono tabular-nums ${tone}`}>{value}</dd>
    </>
  );
  return (
    <section aria-label={`${formatSymbol(market.symbol)} details`} className="rounded-md bg-zinc-950 p-3">
      <h3 className="mb-2 text-xs font-semibold text-zinc-300">{formatSymbol(market.symbol)}</h3>
      <dl className="grid grid-cols-2 gap-y-1 text-xs">
        {row("Mid", formatPrice(mid))}
        {row("Spread", spread === null ? "—" : `${formatPrice(spread, 2)} (${formatPercent(spreadPct, { signed: false })})`)}
        {row(
          "24h change",
          formatPercent(market.changePercent),
          market.changePercent === null ? "text-zinc-500" : market.changePercent >= 0 ? "text-emerald-400" : "text-rose-400",
        )}
        {row("Max leverage", `${market.maxLeverage}x`)}
        {row(
          "Prices",
          market.source === "simulator" ? "Simulator" : market.source === "backpack" ? "Backpack" : "—",
          market.source === "simulator" ? "text-sky-300" : "text-zinc-200",
        )}
      </dl>
    </section>
  );
}
