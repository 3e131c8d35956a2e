import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TMarketUpdate } from "@repo/shared-types/market";
import { openSqliteStores, type SqliteStores } from "../adapters/sqlite/open-sqlite-stores";
import { createApp, type App, type AppConfig } from "../app";
import { InMemoryMarketFeed } from "../market/market-feed";
import { engineConfig, restoreEngineFromStore } from "../trading/restore-engine";

export interface TestApp {
  app: App;
  stores: SqliteStores;
  feed: InMemoryMarketFeed;
  dataDir: string;
  /** Feeds a quote straight into the engine (no Kafka). */
  quote(symbol: string, bid: string, ask: string, price?: string): void;
  /** Signs a fresh user up; returns its token and id. */
  signup(email?: string): Promise<{ token: string; userId: string }>;
  auth(token: string): { authorization: string };
  close(): Promise<void>;
}

let counter = 0;
let quoteClock = 1_700_000_000_000;

/** An app on a throw-away SQLite directory with an in-memory quote source. */
export interface TestAppOptions {
  config?: Partial<AppConfig>;
  priceStaleMs?: number;
  dataDir?: string;
  /** Engine clock (default Date.now). */
  now?: () => number;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "trading-engine-test-"));
  const stores = openSqliteStores(dataDir);
  const engine = restoreEngineFromStore(stores.ledger, engineConfig(options.priceStaleMs ?? 10_000));
  const feed = new InMemoryMarketFeed();
  const app = await createApp({
    stores,
    engine,
    feed,
    now: options.now,
    config: {
      webOrigins: ["http://localhost:3000"],
      rateLimit: { ipPerMinute: 1_000_000, userPerMinute: 1_000_000 },
      passwordCost: { N: 1024, r: 8, p: 1 },
      ...options.config,
    },
    onFatal: (error) => {
      throw error;
    },
  });
  const testApp: TestApp = {
    app,
    stores,
    feed,
    dataDir,
    quote(symbol, bid, ask, price) {
      quoteClock += 1;
      const update: TMarketUpdate = {
        schemaVersion: 1,
        symbol,
        bid,
        ask,
        price: price ?? bid,
        volume: "1000",
        timestamp: Math.max(quoteClock, (options.now ?? Date.now)()),
        source: "simulator",
      };
      quoteClock = update.timestamp;
      feed.push(update);
    },
    async signup(email) {
      counter += 1;
      const response = await app.http.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: { email: email ?? `user${counter}-${Date.now()}@example.com`, password: "correct horse battery" },
      });
      if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
      const body = response.json<{ token: string; user: { id: string } }>();
      return { token: body.token, userId: body.user.id };
    },
    auth(token) {
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      stores.database.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
