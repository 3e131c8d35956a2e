"use client";

import { useId, useState, type FormEvent } from "react";
import { compareDecimal, isDecimal, isPartialDecimal } from "@repo/shared-types/decimal";
import { formatExactPrice, formatPrice, formatQty, formatUsd } from "./lib/format";
import { exceedsFreeMargin, previewOrder, type TSide } from "./lib/order-preview";

export type TPendingOrderType = "limit" | "stop";
export type TExpiryChoice = "gtc" | "eod" | "date";

/** What the pending ticket submits; decimals stay strings so the server parses them exactly. */
export interface TTicketPendingOrder {
  type: TSide;
  orderType: TPendingOrderType;
  price: string;
  margin: string;
  leverage: number;
  stopLoss?: string;
  takeProfit?: string;
  /** Epoch ms; absent = good till cancelled. */
  expiresAt?: number;
}

export interface PendingOrderTicketProps {
  orderType: TPendingOrderType;
  asset: string;
  symbol: string;
  bid: number | null;
  ask: number | null;
  stale: boolean;
  maxLeverage: number;
  freeMargin: number | null;
  submitting: boolean;
  error: { code: string; message: string } | null;
  /** Resolves true when the order was accepted. */
  onSubmit: (order: TTicketPendingOrder) => Promise<boolean>;
  onChange?: () => void;
  /** The clock for "end of day" (tests pin it). */
  now?: () => Date;
}

/** "Buy limit", "Sell stop": how traders name an order, on the ticket and the chart alike. */
export function orderLabel(side: TSide, orderType: TPendingOrderType): string {
  return `${side === "long" ? "Buy" : "Sell"} ${orderType}`;
}

/**
 * §5's placement rule as the trader reads it, or null when the price obeys it: a buy limit below
 * the ask, a buy stop above it; a sell limit above the bid, a sell stop below it.
 */
export function priceRuleViolation(
  side: TSide,
  orderType: TPendingOrderType,
  price: string,
  bid: number | null,
  ask: number | null,
): string | null {
  const quote = side === "long" ? ask : bid;
  if (quote === null || !isDecimal(price)) return null;
  const cmp = compareDecimal(price, String(quote));
  const wantBelow = (side === "long") === (orderType === "limit");
  if (wantBelow ? cmp < 0 : cmp > 0) return null;
  const where = wantBelow ? "below" : "above";
  const of = side === "long" ? "ask" : "bid";
  return `A ${orderLabel(side, orderType).toLowerCase()} must be ${where} the ${of} (${formatExactPrice(quote)}).`;
}

/** The end of the trader's local day, epoch ms. */
function endOfDay(now: Date): number {
  const end = new Date(now);
  end.setHours(23, 59, 59, 999);
  return end.getTime();
}

function cleanDecimal(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === ".") return "";
  return trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed;
}

/** Limit and stop entry: price, margin, leverage, optional SL/TP and expiry, previewed at the order price. */
export function PendingOrderTicket(props: PendingOrderTicketProps) {
  const {
    orderType,
    asset,
    symbol,
    bid,
    ask,
    stale,
    maxLeverage,
    freeMargin,
    submitting,
    error,
    onSubmit,
    onChange,
  } = props;
  const id = useId();
  const [side, setSide] = useState<TSide>("long");
  const [price, setPrice] = useState<string | null>(null);
  const [margin, setMargin] = useState("100");
  const [leverage, setLeverage] = useState(10);
  const [stopLoss, setStopLoss] = useState("");
  const [takeProfit, setTakeProfit] = useState("");
  const [expiry, setExpiry] = useState<TExpiryChoice>("gtc");
  const [expiryDate, setExpiryDate] = useState("");

  const edited = () => onChange?.();
  const decimalSetter = (setter: (value: string) => void) => (value: string) => {
    if (!isPartialDecimal(value)) return;
    setter(value);
    edited();
  };

  // Prefilled from the quote (the opening side) until the trader types a price.
  const quote = side === "long" ? ask : bid;
  const priceText = price ?? (quote === null ? "" : String(quote));
  const cleanPrice = cleanDecimal(priceText);
  const violation = priceRuleViolation(side, orderType, cleanPrice, bid, ask);
  const preview = previewOrder({
    side,
    margin: cleanDecimal(margin),
    leverage,
    bid,
    ask,
    entry: cleanPrice || undefined,
  });
  const overFree = exceedsFreeMargin(cleanDecimal(margin), freeMargin);
  const expiresAt =
    expiry === "gtc"
      ? undefined
      : expiry === "eod"
        ? endOfDay(props.now?.() ?? new Date())
        : new Date(expiryDate).getTime();
  const expiryInvalid = expiresAt !== undefined && !Number.isFinite(expiresAt);
  const label = orderLabel(side, orderType);
  const blocked = stale || bid === null || ask === null;
  const canSubmit =
    !blocked && !submitting && preview !== null && violation === null && !expiryInvalid;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    const sl = cleanDecimal(stopLoss);
    const tp = cleanDecimal(takeProfit);
    void onSubmit({
      type: side,
      orderType,
      price: cleanPrice,
      margin: cleanDecimal(margin),
      leverage,
      ...(sl ? { stopLoss: sl } : {}),
      ...(tp ? { takeProfit: tp } : {}),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    }).then((accepted) => {
      if (accepted) {
        setStopLoss("");
        setTakeProfit("");
      }
    });
  };

  const sideButton = (value: TSide, text: string, activeClass: string) => (
    <button
      type="button"
      aria-pressed={side === value}
      onClick={() => {
        setSide(value);
        setPrice(null);
        edited();
      }}
      className={`flex-1 rounded-md py-2 text-sm font-semibold transition-colors ${
        side === value ? activeClass : "text-zinc-400 hover:text-zinc-200"
      }`}
    >
      {text}
    </button>
  );

  const inputClass =
    "w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm tabular-nums text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none";

  return (
    <form
      aria-label={`${orderType === "limit" ? "Limit" : "Stop"} order ticket`}
      onSubmit={submit}
      className="flex flex-col gap-3"
    >
      <div role="group" aria-label="Side" className="flex gap-1 rounded-lg bg-zinc-950 p-1">
        {sideButton("long", "Buy / Long", "bg-emerald-600 text-white")}
        {sideButton("short", "Sell / Short", "bg-rose-600 text-white")}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-price`} className="text-xs text-zinc-400">
          {label} price
        </label>
        <input
          id={`${id}-price`}
          inputMode="decimal"
          autoComplete="off"
          aria-invalid={violation !== null}
          aria-describedby={violation ? `${id}-price-rule` : undefined}
          value={priceText}
          onChange={(e) => decimalSetter(setPrice)(e.target.value)}
          className={`${inputClass} ${violation ? "border-amber-500" : ""}`}
        />
        {violation ? (
          <p id={`${id}-price-rule`} className="text-xs text-amber-300">
            {violation}
          </p>
        ) : null}
      </div>

      <div className="grid grid-cols-2 gap-2">
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
          <label htmlFor={`${id}-leverage`} className="text-xs text-zinc-400">
            Leverage
          </label>
          <input
            id={`${id}-leverage`}
            type="number"
            min={1}
            max={maxLeverage}
            step={1}
            value={leverage}
            onChange={(e) => {
              const value = Math.trunc(Number(e.target.value));
              setLeverage(Math.min(maxLeverage, Math.max(1, Number.isFinite(value) ? value : 1)));
              edited();
            }}
            className={inputClass}
          />
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

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-expiry`} className="text-xs text-zinc-400">
          Expiry
        </label>
        <select
          id={`${id}-expiry`}
          value={expiry}
          onChange={(e) => {
            setExpiry(e.target.value as TExpiryChoice);
            edited();
          }}
          className={inputClass}
        >
          <option value="gtc">Good till cancelled</option>
          <option value="eod">End of day</option>
          <option value="date">Date and time…</option>
        </select>
        {expiry === "date" ? (
          <>
            <label htmlFor={`${id}-expiry-date`} className="sr-only">
              Expires at
            </label>
            <input
              id={`${id}-expiry-date`}
              type="datetime-local"
              step={1}
              value={expiryDate}
              onChange={(e) => {
                setExpiryDate(e.target.value);
                edited();
              }}
              className={inputClass}
            />
          </>
        ) : null}
      </div>

      <dl
        aria-label="Order summary"
        className="grid grid-cols-2 gap-x-3 gap-y-1 rounded-md bg-zinc-950 p-3 text-xs"
      >
        <dt className="text-zinc-500">Size at {cleanPrice ? formatExactPrice(cleanPrice) : "—"}</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100" data-testid="pending-size">
          {preview ? `${formatQty(preview.quantity)} ${asset}` : "—"}
        </dd>
        <dt className="text-zinc-500">Liquidation price</dt>
        <dd
          className="text-right font-mono tabular-nums text-amber-300"
          data-testid="pending-liquidation"
        >
          {formatExactPrice(preview?.liquidationPrice)}
        </dd>
        <dt className="text-zinc-500">Reserved margin</dt>
        <dd
          className={`text-right font-mono tabular-nums ${overFree ? "text-rose-400" : "text-zinc-100"}`}
        >
          {preview ? formatUsd(Number(cleanDecimal(margin))) : "—"}
        </dd>
        <dt className="text-zinc-500">Free margin</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-100">
          {freeMargin === null ? "—" : formatUsd(freeMargin)}
        </dd>
        <dt className="text-zinc-500">Quote (bid / ask)</dt>
        <dd className="text-right font-mono tabular-nums text-zinc-400">
          {formatPrice(bid)} / {formatPrice(ask)}
        </dd>
      </dl>

      {stale ? (
        <p
          role="alert"
          className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-xs text-rose-300"
        >
          Prices for {symbol.replace("_", "/")} are stale. Orders are paused until the feed resumes.
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-xs text-rose-300"
        >
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
        {submitting ? "Placing…" : `Place ${label.toLowerCase()} ${asset}`}
      </button>
    </form>
  );
}
