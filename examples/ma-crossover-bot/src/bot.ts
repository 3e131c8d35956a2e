import { randomUUID } from "node:crypto";
import type { TradingClient } from "@repo/sdk/client";
import { ApiError } from "@repo/sdk/errors";
import type { TradingSocket } from "@repo/sdk/socket";
import type { TAsset } from "@repo/shared-types/market";
import { MovingAverageCrossover } from "./crossover";

export interface BotOptions {
  api: TradingClient;
  socket: TradingSocket;
  /** The market to trade, e.g. SOL_USDC, and its asset (SOL). */
  symbol: string;
  asset: TAsset;
  /** USD margin per trade, as a decimal string ("100"). */
  margin: string;
  leverage: number;
  /** Percent the fill may differ from the tick the decision was made on. */
  slippage: number;
  fast: number;
  slow: number;
  /** Prefix of every clientOrderId: positions it opened are recognised after a restart. */
  botId: string;
  /** Stop after this many round trips (open, then close); run until aborted when absent. */
  maxTrades?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** Every tick once fully handled, its orders answered (tests wait on it). */
  onTick?: (price: number) => void;
  /** The market subscription was acknowledged: ticks from now on reach the strategy. */
  onReady?: () => void;
}

export interface ClosedTrade {
  positionId: string;
  entryPrice: number;
  closePrice: number;
  realizedPnL: number;
}

/**
 * A long-only moving-average crossover: opens a long when the fast average of mid prices crosses
 * above the slow one, closes it when it crosses back. Every open carries a clientOrderId, so
 * the SDK may retry it safely; ticks are handled one at a time, so orders never overlap.
 */
export async function runBot(options: BotOptions): Promise<ClosedTrade[]> {
  const { api, socket, symbol, asset, botId } = options;
  const log = options.log ?? (() => undefined);
  const crossover = new MovingAverageCrossover(options.fast, options.slow);
  const trades: ClosedTrade[] = [];

  // A position this bot opened before a restart is still its own.
  const state = await api.state();
  let openId = state.positions.find((p) => p.asset === asset && p.clientOrderId?.startsWith(`${botId}-`) === true)?.positionId ?? null;
  if (openId !== null) log(`adopted open position ${openId}`);

  return new Promise<ClosedTrade[]>((resolve, reject) => {
    let queue: Promise<void> = Promise.resolve();
    const finish = (): void => {
      socket.off("market:tick");
      socket.off("position:closed");
      socket.off("connect", subscribe);
      resolve(trades);
    };
    const subscribe = (): void => {
      void socket.emitWithAck("market:subscribe", { symbols: [symbol] }).then(
        () => options.onReady?.(),
        (error: unknown) => log(`subscribe failed: ${String(error)}`),
      );
    };

    const act = async (price: number): Promise<void> => {
      const signal = crossover.push(price);
      if (signal === "buy" && openId === null) {
        const clientOrderId = `${botId}-${randomUUID().slice(0, 8)}`;
        const position = await api.openPosition({ asset, type: "long", margin: options.margin, leverage: options.leverage, slippage: options.slippage, currentPrice: price, clientOrderId });
        openId = position.positionId;
        log(`buy: opened ${position.positionId} at ${position.entryPrice} (${position.quantity} ${asset})`);
      } else if (signal === "sell" && openId !== null) {
        const closed = await api.closePosition({ positionId: openId });
        openId = null;
        trades.push({ positionId: closed.position.positionId, entryPrice: closed.position.entryPrice, closePrice: closed.position.closePrice, realizedPnL: closed.realizedPnL });
        log(`sell: closed ${closed.position.positionId} at ${closed.position.closePrice}, PnL ${closed.realizedPnL}`);
        if (options.maxTrades !== undefined && trades.length >= options.maxTrades) finish();
      }
    };

    socket.on("market:tick", (tick) => {
      if (tick.symbol !== symbol) return;
      const mid = (tick.bid + tick.ask) / 2;
      queue = queue
        .then(() => act(mid))
        .catch((error: unknown) => {
          // Refusals (stale price, slippage, funds) skip this signal; anything else stops the bot.
          if (error instanceof ApiError && error.status !== 401 && error.status !== 403) log(`order refused: ${error.code} ${error.message}`);
          else reject(error instanceof Error ? error : new Error(String(error)));
        })
        .then(() => options.onTick?.(mid));
    });
    // Liquidations and stops close positions too: forget ours when it goes.
    socket.on("position:closed", ({ position }) => {
      if (position.positionId === openId) {
        log(`position ${position.positionId} closed by the engine (${position.closeReason})`);
        openId = null;
      }
    });
    // (Re)subscribe on every connect: a reconnect starts without rooms.
    socket.on("connect", subscribe);
    if (socket.connected) subscribe();
    options.signal?.addEventListener("abort", finish, { once: true });
  });
}
