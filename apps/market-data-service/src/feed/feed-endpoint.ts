import type { TFeedSource } from "@repo/shared-types/market";

/** Where the prices come from: Backpack itself or a Backpack-compatible simulator. */
export interface FeedEndpoint {
  wsUrl: string;
  restUrl: string;
  source: TFeedSource;
}
