import { type TAccountSummary } from "@repo/shared-types/api";
import { formatPercent, formatUsd } from "./lib/format";

function Metric({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <div role="group" aria-label={label} className="flex min-w-0 flex-col">
      <dt className="text-[11px] uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className={`truncate font-mono text-sm tabular-nums ${tone ?? "text-zinc-100"}`}>{value}</dd>
    </div>
  );
}

/** Balance, equity, used, order and free margin and margin level of the signed-in account. */
export function AccountBar({ account }: { account: TAccountSummary | undefined }) {
  const v = (n: number | undefined) => (n === undefined ? "—" : formatUsd(n));
  const level = account?.marginLevel ?? null;
  const levelTone = level === null ? undefined : level < 150 ? "text-rose-400" : level < 300 ? "text-amber-300" : undefined;
  return (
    <dl aria-label="Account" className="grid grid-cols-3 gap-x-4 gap-y-1 sm:grid-cols-6 sm:gap-x-6">
      <Metric label="Balance" value={v(account?.balance)} />
      <Metric label="Equity" value={v(account?.equity)} />
      <Metric label="Used margin" value={v(account?.usedMargin)} />
      <Metric label="Order margin" value={v(account?.orderMargin)} />
      <Metric label="Free margin" value={v(account?.freeMargin)} />
      <Metric label="Margin level" value={level === null ? "—" : formatPercent(level, { signed: false })} tone={levelTone} />
    </dl>
  );
}
