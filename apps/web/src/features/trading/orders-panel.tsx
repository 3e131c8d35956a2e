"use client";

import { type TModifyOrderInput, type TOrder, type TOrderStatus } from "@repo/shared-types/api";
import { isPartialDecimal } from "@repo/shared-types/decimal";
import { formatExactPrice, formatUsd } from "@repo/ui/lib/format";
import { orderLabel } from "@repo/ui/pending-order-ticket";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { cancelOrder, modifyOrder, orderHistoryQuery, upsertOrder } from "./queries";

const th = "px-2.5 py-2 text-left text-[11px] font-medium uppercase tracking-wide text-zinc-500 whitespace-nowrap";
const td = "px-2.5 py-2 font-mono text-xs tabular-nums whitespace-nowrap";
const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });

const STATUS_LABEL: Record<TOrderStatus, string> = {
  open: "Open",
  filled: "Filled",
  cancelled: "Cancelled",
  expired: "Expired",
  rejected: "Rejected",
};
const STATUS_TONE: Record<TOrderStatus, string> = {
  open: "text-sky-300",
  filled: "text-emerald-400",
  cancelled: "text-zinc-400",
  expired: "text-zinc-400",
  rejected: "text-rose-400",
};

const price = (value: number | null) => (value === null ? "—" : formatExactPrice(value));

/** Open orders (cancel, inline edit) above the history of every order with its outcome. */
export function OrdersPanel({ orders }: { orders: readonly TOrder[] }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const history = useQuery(orderHistoryQuery(api));
  const [editing, setEditing] = useState<string | null>(null);

  const refresh = (order: TOrder) => {
    queryClient.setQueryData<TOrder[]>(queryKeys.account.orderHistory, (old) => upsertOrder(old, order));
    void queryClient.invalidateQueries({ queryKey: queryKeys.account.state });
  };
  const cancel = useMutation({
    mutationFn: (orderId: string) => cancelOrder(api, orderId),
    onSuccess: refresh,
    onError: (e) => toast({ tone: "danger", title: "Cancel failed", description: userMessage(e).message }),
  });
  const modify = useMutation({
    mutationFn: ({ orderId, body }: { orderId: string; body: TModifyOrderInput }) => modifyOrder(api, orderId, body),
    onSuccess: (order) => {
      setEditing(null);
      refresh(order);
    },
    onError: (e) => toast({ tone: "danger", title: "Change refused", description: userMessage(e).message }),
  });

  const finished = (history.data ?? []).filter((o) => o.status !== "open");
  return (
    <div className="flex flex-col">
      {orders.length === 0 ? (
        <p className="px-3 py-4 text-center text-sm text-zinc-500">No open orders.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[720px]">
            <caption className="sr-only">Open orders</caption>
            <thead>
              <tr className="border-b border-zinc-800">
                <th scope="col" className={th}>Market</th>
                <th scope="col" className={th}>Order</th>
                <th scope="col" className={th}>Price</th>
                <th scope="col" className={th}>Margin</th>
                <th scope="col" className={th}>SL / TP</th>
                <th scope="col" className={th}>Expires</th>
                <th scope="col" className={`${th} text-right`}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) =>
                editing === o.orderId ? (
                  <EditRow
                    key={o.orderId}
                    order={o}
                    saving={modify.isPending}
                    onSave={(body) => modify.mutate({ orderId: o.orderId, body })}
                    onDiscard={() => setEditing(null)}
                  />
                ) : (
                  <tr key={o.orderId} className="border-b border-zinc-900 last:border-0" data-order-id={o.orderId}>
                    <td className={`${td} font-sans font-semibold text-zinc-100`}>{o.asset}</td>
                    <td className={`${td} font-sans ${o.type === "long" ? "text-emerald-400" : "text-rose-400"}`}>
                      {orderLabel(o.type, o.orderType)} {o.leverage}x
                    </td>
                    <td className={td}>{price(o.price)}</td>
                    <td className={td}>{formatUsd(o.margin)}</td>
                    <td className={td}>
                      {price(o.stopLoss)} / {price(o.takeProfit)}
                    </td>
                    <td className={`${td} text-zinc-400`}>{o.expiresAt === null ? "GTC" : time.format(new Date(o.expiresAt))}</td>
                    <td className={`${td} text-right`}>
                      <button
                        type="button"
                        aria-label={`Edit ${orderLabel(o.type, o.orderType)} ${o.asset} at ${price(o.price)}`}
                        onClick={() => setEditing(o.orderId)}
                        className="mr-1 rounded border border-zinc-700 px-2 py-0.5 font-sans text-zinc-300 hover:border-zinc-500"
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        aria-label={`Cancel ${orderLabel(o.type, o.orderType)} ${o.asset} at ${price(o.price)}`}
                        disabled={cancel.isPending && cancel.variables === o.orderId}
                        onClick={() => cancel.mutate(o.orderId)}
                        className="rounded border border-rose-700/60 px-2 py-0.5 font-sans text-rose-300 hover:border-rose-500 disabled:opacity-40"
                      >
                        Cancel
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="border-t border-zinc-800 px-3 pb-1 pt-3 text-xs font-semibold uppercase tracking-wide text-zinc-400">
        Order history
      </h3>
      {finished.length === 0 ? (
        <p className="px-3 py-4 text-center text-sm text-zinc-500">No filled, cancelled, expired or rejected orders yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[720px]">
            <caption className="sr-only">Order history</caption>
            <thead>
              <tr className="border-b border-zinc-800">
                <th scope="col" className={th}>Market</th>
                <th scope="col" className={th}>Order</th>
                <th scope="col" className={th}>Price</th>
                <th scope="col" className={th}>Margin</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Reason</th>
                <th scope="col" className={th}>Updated</th>
              </tr>
            </thead>
            <tbody>
              {finished.map((o) => (
                <tr key={o.orderId} className="border-b border-zinc-900 last:border-0" data-order-id={o.orderId}>
                  <td className={`${td} font-sans font-semibold text-zinc-100`}>{o.asset}</td>
                  <td className={`${td} font-sans ${o.type === "long" ? "text-emerald-400" : "text-rose-400"}`}>
                    {orderLabel(o.type, o.orderType)} {o.leverage}x
                  </td>
                  <td className={td}>{price(o.price)}</td>
                  <td className={td}>{formatUsd(o.margin)}</td>
                  <td className={`${td} font-sans ${STATUS_TONE[o.status]}`}>{STATUS_LABEL[o.status]}</td>
                  <td className={`${td} max-w-64 truncate font-sans text-zinc-400`} title={o.reason ?? undefined}>
                    {o.reason ?? "—"}
                  </td>
                  <td className={`${td} text-zinc-500`}>{time.format(new Date(o.updatedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** An open order's price and stops as inputs; empty stops remove them. */
function EditRow({
  order,
  saving,
  onSave,
  onDiscard,
}: {
  order: TOrder;
  saving: boolean;
  onSave: (body: TModifyOrderInput) => void;
  onDiscard: () => void;
}) {
  const [priceText, setPriceText] = useState(String(order.price));
  const [sl, setSl] = useState(order.stopLoss === null ? "" : String(order.stopLoss));
  const [tp, setTp] = useState(order.takeProfit === null ? "" : String(order.takeProfit));
  const input =
    "w-24 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs text-zinc-100 focus:border-sky-500 focus:outline-none";
  const decimal = (setter: (value: string) => void) => (value: string) => {
    if (isPartialDecimal(value)) setter(value);
  };
  const save = () =>
    onSave({
      price: priceText.trim(),
      stopLoss: sl.trim() === "" ? null : sl.trim(),
      takeProfit: tp.trim() === "" ? null : tp.trim(),
    });
  return (
    <tr className="border-b border-zinc-900 bg-zinc-950/60" data-order-id={order.orderId}>
      <td className={`${td} font-sans font-semibold text-zinc-100`}>{order.asset}</td>
      <td className={`${td} font-sans`}>{orderLabel(order.type, order.orderType)}</td>
      <td className={td}>
        <input aria-label="New order price" className={input} value={priceText} onChange={(e) => decimal(setPriceText)(e.target.value)} />
      </td>
      <td className={td}>{formatUsd(order.margin)}</td>
      <td className={td}>
        <input aria-label="New stop loss" placeholder="SL" className={`${input} mr-1`} value={sl} onChange={(e) => decimal(setSl)(e.target.value)} />
        <input aria-label="New take profit" placeholder="TP" className={input} value={tp} onChange={(e) => decimal(setTp)(e.target.value)} />
      </td>
      <td className={td} />
      <td className={`${td} text-right`}>
        <button
          type="button"
          disabled={saving}
          onClick={save}
          className="mr-1 rounded bg-sky-600 px-2 py-0.5 font-sans text-white hover:bg-sky-500 disabled:opacity-40"
        >
          Save
        </button>
        <button type="button" onClick={onDiscard} className="rounded border border-zinc-700 px-2 py-0.5 font-sans text-zinc-300">
          Discard
        </button>
      </td>
    </tr>
  );
}
