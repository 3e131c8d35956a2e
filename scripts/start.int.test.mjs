// `npm start` must serve the API and the terminal, and Ctrl-C must leave no process behind.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Ports of their own, apart from the defaults and the Playwright suite's.
const ports = { PORT: "4400", WEB_PORT: "3400", HEALTH_PORT: "4401", SIMULATOR_PORT: "4402" };

/** Every live descendant of a pid, read from /proc (Linux). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we were reading
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const ok = (url) => fetch(url).then((r) => r.ok, () => false);

/** Starts `npm start` in its own process group (as a terminal does) and waits for moving prices. */
async function startPlatform() {
  let output = "";
  const child = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    env: { ...process.env, ...ports, DATA_DIR: mkdtempSync(join(tmpdir(), "start-test-")), MARKET_FEED: "auto", KAFKA_BROKERS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const logs = () => output.slice(-3000);

  const up = await until(
    async () => (await ok(`http://localhost:${ports.PORT}/health`)) && (await ok(`http://localhost:${ports.WEB_PORT}/`)),
    300_000,
  );
  expect(up, logs()).toBe(true);
  const moving = await until(async () => {
    const markets = await fetch(`http://localhost:${ports.PORT}/api/v1/markets`).then((r) => r.json(), () => []);
    return markets.some((m) => m.bid !== null && m.stale === false);
  }, 60_000);
  expect(moving, logs()).toBe(true);
  expect(await until(() => output.includes("Trading terminal"), 60_000), logs()).toBe(true);
  expect(output).toContain(`http://localhost:${ports.WEB_PORT}`);
  return { child, exited, logs, processes: descendants(child.pid) };
}

async function expectAllStopped(platform) {
  const gone = await until(() => platform.processes.every((pid) => !isAlive(pid)), 20_000);
  expect(gone, `still running: ${platform.processes.filter(isAlive).join(", ")}\n${platform.logs()}`).toBe(true);
  expect(await ok(`http://localhost:${ports.PORT}/health`)).toBe(false);
  expect(await ok(`http://localhost:${ports.WEB_PORT}/`)).toBe(false);
}

describe("npm start", () => {
  let platform;
  afterEach(() => {
    if (platform && isAlive(platform.child.pid)) process.kill(-platform.child.pid, "SIGKILL");
    for (const pid of platform?.processes ?? []) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  });

  it("serves the API with moving prices and the terminal, and Ctrl-C stops every process it started", { timeout: 400_000 }, async () => {
    platform = await startPlatform();
    // broker, three services and their shells at least
    expect(platform.processes.length).toBeGreaterThan(4);
    process.kill(-platform.child.pid, "SIGINT"); // what a terminal does on Ctrl-C
    await platform.exited;
    expect(platform.logs()).toContain("[start] stopped");
    await expectAllStopped(platform);
  });

  it("stops every process when only npm itself gets SIGTERM", { timeout: 400_000 }, async () => {
    platform = await startPlatform();
    process.kill(platform.child.pid, "SIGTERM"); // a supervisor signalling the one pid it knows
    await platform.exited;
    await expectAllStopped(platform);
    expect(platform.logs()).toContain("[start] stopped");
  });
});
