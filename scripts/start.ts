// `npm start`: one command that runs the whole platform on embedded defaults.
// Builds what is stale (turbo caches the rest), starts the dev Kafka broker unless KAFKA_BROKERS
// is set, then runs market-data, the engine and the web app under concurrently with prefixed logs,
// prints a banner once everything answers, and on Ctrl-C/SIGTERM stops every process it started.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { concurrently } from "concurrently";
import { startDevBroker } from "@repo/kafka-utils/dev-broker";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;

const port = env.PORT ?? "4000";
const webPort = env.WEB_PORT ?? "3000";
const healthPort = env.HEALTH_PORT ?? "4001";
const apiUrl = env.NEXT_PUBLIC_API_URL ?? `http://localhost:${port}`;
const webUrl = `http://localhost:${webPort}`;
const dataDir = resolve(root, env.DATA_DIR ?? "data");

const log = (message: string) => console.log(`[start] ${message}`);

function build(): void {
  log("building what is stale (turbo caches the rest)…");
  const result = spawnSync(
    "npx",
    ["turbo", "run", "build", "--filter=trading-engine", "--filter=market-data-service", "--filter=web", "--output-logs=errors-only"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0) {
    log("build failed; nothing was started");
    process.exit(result.status ?? 1);
  }
}

async function waitFor(url: string, timeoutMs: number): Promise<Response | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/** Reports the feed source once the engine has a quote: the UI says the same thing. */
async function feedSource(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await waitFor(`http://localhost:${port}/api/v1/markets`, 5_000);
    if (response) {
      const markets = (await response.json()) as { source: string | null }[];
      const source = markets.find((m) => m.source !== null)?.source;
      if (source) return source === "simulator" ? "SIMULATED prices (Backpack unreachable or MARKET_FEED=simulator)" : "live Backpack prices";
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return "no prices yet (see the market-data logs)";
}

async function main(): Promise<void> {
  build();
  mkdirSync(dataDir, { recursive: true });

  let brokers = env.KAFKA_BROKERS;
  const broker = brokers ? null : await startDevBroker({ brokers: 3 });
  if (broker) {
    brokers = broker.bootstrapServers.join(",");
    log(`dev Kafka broker (librdkafka mock cluster, 3 brokers) at ${brokers}`);
  } else {
    log(`using Kafka at ${brokers}`);
  }

  const serviceEnv = {
    ...env,
    KAFKA_BROKERS: brokers,
    PORT: port,
    HEALTH_PORT: healthPort,
    DATA_DIR: dataDir,
    MARKET_FEED: env.MARKET_FEED ?? "auto",
    // People read a terminal; pipes and CI keep one JSON object per line.
    LOG_FORMAT: env.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    WEB_ORIGIN: env.WEB_ORIGIN ?? webUrl,
    NEXT_PUBLIC_API_URL: apiUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const { commands, result } = concurrently(
    [
      { name: "market-data", command: "node dist/main.js", cwd: join(root, "apps/market-data-service"), env: serviceEnv },
      { name: "engine", command: "node dist/main.js", cwd: join(root, "apps/trading-engine"), env: serviceEnv },
      { name: "web", command: `npx --no-install next start --port ${webPort}`, cwd: join(root, "apps/web"), env: serviceEnv },
    ],
    {
      prefix: "name",
      padPrefix: true,
      prefixColors: ["cyan", "magenta", "green"],
      killOthersOn: ["failure"],
      killSignal: "SIGTERM",
      handleInput: false,
    },
  );

  void (async () => {
    const ready = (await waitFor(`http://localhost:${port}/health`, 120_000)) && (await waitFor(webUrl, 120_000));
    if (!ready) return log("a service did not come up within 2 minutes; see the logs above");
    const source = await feedSource();
    console.log(
      [
        "",
        "  ┌───────────────────────────────────────────────────────────┐",
        `    Trading terminal   ${webUrl}`,
        `    REST + Socket.IO   http://localhost:${port}   (metrics: /metrics)`,
        `    Market data        http://localhost:${healthPort}/ready`,
        `    Kafka              ${brokers}${broker ? "  (dev broker)" : ""}`,
        `    Feed               ${source}`,
        "    Stop everything    Ctrl-C",
        "  └───────────────────────────────────────────────────────────┘",
        "",
      ].join("\n"),
    );
  })();

  // Ctrl-C signals the whole process group; a SIGTERM to `npm start` only reaches npm's shell,
  // which dies without passing it on, so an orphaned runner (its parent gone) stops too.
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping ${commands.map((c) => c.name).join(", ")}…`);
    for (const command of commands) command.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) stop("parent process exited");
  }, 500).unref();
  const failed = await result.then(
    () => false,
    () => true,
  );
  if (broker) await broker.stop();
  log("stopped");
  // A stop we were asked for is a success even though the services exited on a signal.
  process.exit(failed && !stopping ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error("[start] failed:", error);
  process.exit(1);
});
