"use client";

import { type TClosedPosition, type TMarketInfo, type TOrder, type TStateResponse } from "@repo/shared-types/api";
import { MARKETS } from "@repo/shared-types/market";
import { connectTradingSocket } from "@repo/sdk/socket";
import { type TMarketTick } from "@repo/shared-types/socket";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { applyTick } from "@/features/markets/queries";
import { prependClosed, upsertOrder } from "@/features/trading/queries";
import { queryKeys } from "@/lib/query-keys";

export type TConnectionStatus = "connecting" | "connected" | "reconnecting";

type TTickListener = (tick: TMarketTick) => void;

interface SocketContextValue {
  status: TConnectionStatus;
  /** Live ticks of one symbol, for imperative consumers (the chart); returns the unsubscribe. */
  subscribeTicks: (symbol: string, listener: TTickListener) => () => void;
}

const SocketContext = createContext<SocketContextValue | null>(null);

const SYMBOLS = MARKETS.map((m) => m.symbol);

/**
 * The one Socket.IO connection. It patches the query cache (ticks → markets, account:state →
 * state, position:closed → history, order:updated → order history) rather than holding its own copy, resubscribes after every
 * reconnect and refetches what it may have missed while away.
 */
export function SocketProvider({
  apiUrl,
  token,
  onPositionClosed,
  onOrderUpdated,
  onUnauthorized,
  children,
}: {
  apiUrl: string;
  token: string | null;
  onPositionClosed: (position: TClosedPosition) => void;
  /** Every order:updated; the cache is patched already. */
  onOrderUpdated?: (order: TOrder) => void;
  onUnauthorized: () => void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TConnectionStatus>("connecting");
  const listeners = useRef(new Map<string, Set<TTickListener>>());
  const onClosedRef = useRef(onPositionClosed);
  const onUnauthorizedRef = useRef(onUnauthorized);
  const onOrderRef = useRef(onOrderUpdated);
  useEffect(() => {
    onClosedRef.current = onPositionClosed;
    onUnauthorizedRef.current = onUnauthorized;
    onOrderRef.current = onOrderUpdated;
  }, [onPositionClosed, onUnauthorized, onOrderUpdated]);

  useEffect(() => {
    const socket = connectTradingSocket(apiUrl, {
      token,
      // WebSocket only: no long-polling CORS round trips, and a dead link is noticed by ping timeouts.
      socket: { transports: ["websocket"], reconnectionDelay: 500, reconnectionDelayMax: 5_000 },
    });
    let everConnected = false;

    socket.on("connect", () => {
      setStatus("connected");
      socket.emit("market:subscribe", { symbols: [...SYMBOLS] });
      if (everConnected) {
        // Whatever happened while we were away (fills, closes, candles) is fetched again.
        void queryClient.invalidateQueries();
      }
      everConnected = true;
    });
    socket.on("disconnect", () => setStatus("reconnecting"));
    socket.on("connect_error", (error: Error & { data?: { code?: string } }) => {
      // The server refuses a revoked token in its handshake middleware and socket.io does not
      // retry such a refusal: the session is over.
      if (error.data?.code === "UNAUTHENTICATED") onUnauthorizedRef.current();
      setStatus(everConnected ? "reconnecting" : "connecting");
    });

    socket.on("market:tick", (tick) => {
      queryClient.setQueryData<TMarketInfo[]>(queryKeys.markets.list, (old) => applyTick(old, tick));
      for (const listener of listeners.current.get(tick.symbol) ?? []) listener(tick);
    });
    socket.on("account:state", (state: TStateResponse) => {
      queryClient.setQueryData<TStateResponse>(queryKeys.account.state, state);
    });
    socket.on("position:closed", ({ position }) => {
      queryClient.setQueryData<TClosedPosition[]>(queryKeys.account.history, (old) => prependClosed(old, position));
      onClosedRef.current(position);
    });
    socket.on("order:updated", ({ order }) => {
      queryClient.setQueryData<TOrder[]>(queryKeys.account.orderHistory, (old) => upsertOrder(old, order));
      onOrderRef.current?.(order);
    });

    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [apiUrl, token, queryClient]);

  const subscribeTicks = useCallback((symbol: string, listener: TTickListener) => {
    const set = listeners.current.get(symbol) ?? new Set<TTickListener>();
    set.add(listener);
    listeners.current.set(symbol, set);
    return () => {
      set.delete(listener);
    };
  }, []);

  const value = useMemo(() => ({ status, subscribeTicks }), [status, subscribeTicks]);
  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

/** Connection status and tick subscription; throws outside SocketProvider (a wiring bug). */
export function useSocket(): SocketContextValue {
  const value = useContext(SocketContext);
  if (!value) throw new Error("useSocket must be used inside SocketProvider");
  return value;
}
