/** What the price feed is doing, in the trader's words. */
export type TFeedStatus = "live" | "reconnecting" | "stale" | "simulated";

const LOOK: Record<TFeedStatus, { label: string; dot: string; text: string; title: string }> = {
  live: { label: "Live", dot: "bg-emerald-400", text: "text-emerald-300", title: "Prices are streaming from Backpack" },
  simulated: {
    label: "Simulated",
    dot: "bg-sky-400",
    text: "text-sky-300",
    title: "Prices come from the bundled simulator, not the exchange",
  },
  reconnecting: {
    label: "Reconnecting",
    dot: "bg-amber-400 animate-pulse",
    text: "text-amber-300",
    title: "Connection to the trading server lost; retrying",
  },
  stale: {
    label: "Stale",
    dot: "bg-rose-500",
    text: "text-rose-300",
    title: "No fresh prices: orders are refused until the feed resumes",
  },
};

/** Compact pill showing the feed state; a live region so status changes are announced. */
export function FeedBadge({ status }: { status: TFeedStatus }) {
  const look = LOOK[status];
  return (
    <span
      role="status"
      aria-label="Price feed"
      title={look.title}
      className={`inline-flex items-center gap-1.5 rounded-full border border-zinc-700 bg-zinc-900 px-2.5 py-1 text-xs font-medium ${look.text}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
