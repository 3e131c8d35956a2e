import { createTradingClient } from "@repo/sdk/client";
import { connectTradingSocket } from "@repo/sdk/socket";
import { runBot } from "./bot";
import { loadEnv } from "./env";

const env = loadEnv();
const api = createTradingClient({ baseUrl: env.API_URL, token: env.API_KEY });
const socket = connectTradingSocket(env.API_URL, { token: env.API_KEY, socket: { transports: ["websocket"] } });
socket.on("connect_error", (error) => console.error(`socket: ${error.message}`));
const stop = new AbortController();
process.once("SIGINT", () => stop.abort());
process.once("SIGTERM", () => stop.abort());

const symbol = `${env.ASSET}_USDC`;
console.log(`ma-crossover-bot: ${symbol}, SMA ${env.FAST}/${env.SLOW}, margin ${env.MARGIN} × ${env.LEVERAGE} against ${env.API_URL}`);
const trades = await runBot({
  api,
  socket,
  symbol,
  asset: env.ASSET,
  margin: env.MARGIN,
  leverage: env.LEVERAGE,
  slippage: env.SLIPPAGE_PCT,
  fast: env.FAST,
  slow: env.SLOW,
  botId: env.BOT_ID,
  maxTrades: env.MAX_TRADES === 0 ? undefined : env.MAX_TRADES,
  signal: stop.signal,
  log: (message) => console.log(`${new Date().toISOString()} ${message}`),
});
socket.disconnect();
const pnl = trades.reduce((sum, trade) => sum + Math.round(trade.realizedPnL * 100), 0) / 100;
console.log(`done: ${trades.length} round trips, realised PnL ${pnl} USD`);
