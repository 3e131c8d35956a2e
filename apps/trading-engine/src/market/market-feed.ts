import type { TCandleMessage } from "@repo/shared-types/candle";
import type { TMarketUpdate } from "@repo/shared-types/market";

export interface MarketFeedHandlers {
  onMarketUpdate(update: TMarketUpdate): void;
  onCandle(candle: TCandleMessage): void;
}

export interface MarketFeedStatus {
  connected: boolean;
  /** Human-readable state ("running", "connecting: broker down", ...). */
  detail: string;
  /** Messages behind the log end, summed over assigned partitions (null when unknown). */
  lag: number | null;
  invalid: number;
}

/** Where quotes and candles come from (Kafka in production, in-memory in tests). */
export interface MarketFeed {
  /** Starts delivering in the background; never throws because the source is unreachable. */
  start(handlers: MarketFeedHandlers): void;
  stop(): Promise<void>;
  status(): MarketFeedStatus;
}

/** A feed tests drive by hand: `push` delivers synchronously, `setConnected` fakes the broker state. */
export class InMemoryMarketFeed implements MarketFeed {
  private handlers: MarketFeedHandlers | null = null;
  private connected = true;

  start(handlers: MarketFeedHandlers): void {
    this.handlers = handlers;
  }

  stop(): Promise<void> {
    this.handlers = null;
    return Promise.resolve();
  }

  status(): MarketFeedStatus {
    return { connected: this.connected, detail: this.connected ? "running" : "disconnected", lag: 0, invalid: 0 };
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
  }

  push(update: TMarketUpdate): void {
    this.handlers?.onMarketUpdate(update);
  }

  pushCandle(candle: TCandleMessage): void {
    this.handlers?.onCandle(candle);
  }
}
