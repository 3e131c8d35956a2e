"use client";

import { useId, useState, type FormEvent } from "react";
import { USD_DECIMALS } from "@repo/engine-core/money";
import { formatDecimal, isPartialDecimal, parseDecimal } from "@repo/shared-types/decimal";
import { formatPrice, formatQty, formatTickPrice, formatUsd, liquidationTick } from "./lib/format";
import { exceedsFreeMargin, previewOrder, TICKET_DECIMAL_INPUT, type TSide } from "./lib/order-preview";

const LEVERAGE_PRESETS = [1, 2, 5, 10, 25, 50, 100] as const;

/** What the ticket submits; decimals stay strings so the server parses them exactly. */
export interface TTicketOrder {
  type: TSide;
  margin: string;
  leverage: number;
  /** The estimated entry the trader saw, for the server's slippage check. */
  currentPrice: string;
  stopLoss?: string;
  takeProfit?: string;
}

export interface TTicketError {
  code: string;
  message: string;
}

export interface OrderTicketProps {
  symbol: string;
  asset: string;
  bid: number | null;
  ask: number | null;
  stale: boolean;
  maxLeverage: number;
  freeMargin: number | null;
  submitting: boolean;
  error: TTicketError | null;
  /** Resolves true when the order was accepted; the ticket then clears its stop levels. */
  onSubmit: (order: TTicketOrder) => Promise<boolean>;
  /** Called when the trader edits the ticket, so a stale error can be cleared. */
  onChange?: () => void;
}

function cleanDecimal(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === ".") return "";
  return trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed;
}

/** Long/short order entry with an exact preview of size, entry and liquidation price. */
export function OrderTicket(props: OrderTicketProps) {
  const { symbol, asset, bid, ask, stale, maxLeverage, freeMargin, submitting, error, onSubmit, onChange } = props;
  const id = useId();
  const [side, setSide] = useState<TSide>("long");
  const [margin, setMargin] = useState("100");
  const [leverage, setLeverage] = useState(10);
  const [stopLoss, setStopLoss] = useState("");
  const [takeProfit, setTakeProfit] = useState("");

  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    onChange?.();
  };
  const decimalSetter = (setter: (value: string) => void) => (value: string) => {
    if (isPartialDecimal(value)) edit(setter)(value);
  };

  const preview = previewOrder({ side, margin: cleanDecimal(margin), leverage, bid, ask });
  // The state's freeMargin is the figure the engine checks: the warning agrees with INSUFFICIENT_FUNDS.
  const marginCents = parseDecimal(cleanDecimal(margin) || "0", USD_DECIMALS, TICKET_DECIMAL_INPUT) ?? 0n;
  const overFree = exceedsFreeMargin(cleanDecimal(margin), freeMargin);
  const entryNumber = preview ? Number(preview.entryPrice) : null;
  const blocked = stale || bid === null || ask === null;
  const canSubmit = !blocked && !submitting && preview !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    const sl = cleanDecimal(stopLoss);
    const tp = cleanDecimal(takeProfit);
    void onSubmit({
      type: side,
      margin: cleanDecimal(margin),
      leverage,
      currentPrice: preview.entryPrice,
      ...(sl ? { stopLoss: sl } : {}),
      ...(tp ? { takeProfit: tp } : {}),
    }).then((accepted) => {
      // Stop levels belong to the order just placed; margin and leverage are kept for the next one.
      if (accepted) {
        setStopLoss("");
        setTakeProfit("");
      }
    });
  };

  const sideButton = (value: TSide, label: string, activeClass: string) => (
    <button
      type="button"
      aria-pressed={side === value}
      onClick={() => edit(setSide)(value)}
      className={`flex-1 rounded-md py-2 text-sm font-semibold transition-colors ${
        side === value ? activeClass : "text-zinc-400 hover:text-zinc-200"
      }`}
    >
      {label}
    </button>
  );

  const inputClass =
    "w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm tabular-nums text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none";

  return (
    <form aria-label="Order ticket" onSubmit={submit} className="flex flex-col gap-3">
      <div role="group" aria-label="Side" className="flex gap-1 rounded-lg bg-zinc-950 p-1">
        {sideButton("long", "Long", "bg-emerald-600 text-white")}
        {sideButton("short", "Short", "bg-rose-600 text-white")}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-margin`} className="text-xs text-zinc-400">
          Margin (USD)
        </label>
        <input
          id={`${id}-margin`}
          inputMode="decimal"
          autoComplete="off"
          value={margin}
          onChange={(e) => decimalSetter(setMargin)(e.target.value)}
          className={inputClass}
        />
      </div>

      <div className="flex flex-col gap-1">
        <div className="flex items-center justify-between">
          <label htmlFor={`${id}-leverage`} className="text-xs text-zinc-400">
            Leverage
          </label>
          <output htmlFor={`${id}-leverage`} className="font-mono text-sm font-semibold text-zinc-100">
            {leverage}x
          </output>
        </div>
        <input
          id={`${id}-leverage`}
          type="range"
          min={1}
          max={maxLeverage}
          step={1}
          value={leverage}
          onChange={(e) => edit(setLeverage)(Number(e.target.value))}
          className="w-full accent-sky-500"
        />
        <div role="group" aria-label="Leverage presets" className="flex gap-1">
          {LEVERAGE_PRESETS.filter((p) => p <= maxLeverage).map((p) => (
            <button
              key={p}
              type="button"
              aria-label={`Set leverage ${p}x`}
              aria-pressed={leverage === p}
              onClick={() => edit(setLeverage)(p)}
              className={`flex-1 rounded border py-1 text-[11px] font-medium ${
                leverage === p
                  ? "border-sky-500 bg-sky-500/10 text-sky-300"
                  : "border-zinc-700 text-zinc-400 hover:border-zinc-500"
              }`}
            >
              {p}x
            </button>
          ))}
        </div>
      </div>

      <div className="grid grid-cols-2 gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-sl`} className="text-xs text-zinc-400">
            Stop loss
          </label>
          <input
            id={`${id}-sl`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="optional"
            value={stopLoss}
            onChange={(e) => decimalSetter(setStopLoss)(e.target.value)}
            className={inputClass}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-tp`} className="text-xs text-zinc-400">
            Take profit
          </label>
          <input
            id={`${id}-tp`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="optional"
            value={takeProfit}
            onChange={(e) => decimalSetter(setTakeProfit)(e.target.value)}
            className={inputClass}
          />
        </div>
      </div>

      <dl aria-label="Order summary" className="grid grid-cols-2 gap-x-3 gap-y-1 rounded-md bg-zinc-950 p-3 text-xs">
        <dt className="text-zinc-500">Size</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100" data-testid="ticket-size">
          {preview ? `${formatQty(preview.quantity)} ${asset}` : "—"}
        </dd>
        <dt className="text-zinc-500">Notional</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100">
          {preview ? formatUsd(Number(preview.notional)) : "—"}
        </dd>
        <dt className="text-zinc-500">Est. entry ({side === "long" ? "ask" : "bid"})</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100" data-testid="ticket-entry">
          {formatPrice(entryNumber)}
        </dd>
        <dt className="text-zinc-500">Liquidation price</dt>
        <dd className="text-right font-mono tabular-nums text-amber-300" data-testid="ticket-liquidation">
          {preview ? formatTickPrice(symbol, liquidationTick(symbol, side, Number(preview.liquidationPrice))) : "—"}
        </dd>
        <dt className="text-zinc-500">Required margin</dt>
        <dd className={`text-right font-mono tabular-nums ${overFree ? "text-rose-400" : "text-zinc-100"}`}>
          {marginCents > 0n ? formatUsd(Number(formatDecimal(marginCents, USD_DECIMALS))) : "—"}
        </dd>
        <dt className="text-zinc-500">Free margin</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100">
          {freeMargin === null ? "—" : formatUsd(freeMargin)}
        </dd>
      </dl>

      {stale ? (
        <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-xs text-rose-300">
          Prices for {symbol.replace("_", "/")} are stale. Orders are paused until the feed resumes.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-xs text-rose-300">
          {error.message} <span className="font-mono text-rose-400/70">({error.code})</span>
        </p>
      ) : null}

      <button
        type="submit"
        disabled={!canSubmit}
        className={`rounded-md py-2.5 text-sm font-semibold text-white transition-colors disabled:cursor-not-allowed disabled:opacity-40 ${
          side === "long" ? "bg-emerald-600 hover:bg-emerald-500" : "bg-rose-600 hover:bg-rose-500"
        }`}
      >
        {submitting ? "Placing…" : `${side === "long" ? "Open long" : "Open short"} ${asset}`}
      </button>
    </form>
  );
}
