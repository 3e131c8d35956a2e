"use client";

import { MARKETS } from "@repo/shared-types/market";
import { dayChange } from "@repo/ui/lib/candles";
import { MarketList, type TMarketRow } from "@repo/ui/market-list";
import { MarketStats } from "@repo/ui/market-stats";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useSession } from "@/features/auth/session-provider";
import { dayCandlesQuery, marketsQuery } from "./queries";

/** The market list wired to live quotes and the 24 h history. */
export function MarketsPanel({ selected, onSelect }: { selected: string; onSelect: (symbol: string) => void }) {
  const { api } = useSession();
  const markets = useQuery(marketsQuery(api));
  const days = useQueries({ queries: MARKETS.map((m) => dayCandlesQuery(api, m.symbol)) });
  const nowSeconds = Math.floor(Date.now() / 1000);

  const rows: TMarketRow[] = MARKETS.map((m, i) => {
    const info = markets.data?.find((x) => x.symbol === m.symbol);
    const change = dayChange(days[i]?.data ?? [], info?.price ?? null, nowSeconds);
    return {
      symbol: m.symbol,
      bid: info?.bid ?? null,
      ask: info?.ask ?? null,
      changePercent: change?.percent ?? null,
      stale: info?.stale ?? false,
    };
  });

  const current = rows.find((r) => r.symbol === selected);
  return (
    <nav aria-label="Market selector" className="rounded-lg border border-zinc-800 bg-zinc-900 p-2 lg:h-full">
      <div className="mb-1 hidden justify-between px-3 text-[11px] uppercase tracking-wide text-zinc-500 lg:flex">
        <span>Bid</span>
        <span>Ask</span>
      </div>
      <MarketList markets={rows} selected={selected} onSelect={onSelect} />
      {current ? (
        <div className="mt-3 hidden lg:block">
          <MarketStats
            market={{
              symbol: current.symbol,
              bid: current.bid,
              ask: current.ask,
              changePercent: current.changePercent,
              source: markets.data?.find((m) => m.symbol === selected)?.source ?? null,
              maxLeverage: markets.data?.find((m) => m.symbol === selected)?.maxLeverage ?? 100,
            }}
          />
        </div>
      ) : null}
    </nav>
  );
}
