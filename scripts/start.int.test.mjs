// `npm start` must serve the API and the terminal, and Ctrl-C must leave no process behind.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The Playwright suite uses the same ports, so the web build turbo caches here is reused there.
const ports = { PORT: "4100", WEB_PORT: "3100", HEALTH_PORT: "4101", SIMULATOR_PORT: "4102" };

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

describe("npm start", () => {
  let child;
  afterAll(() => {
    if (child && isAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
  });

  it("serves the API and the terminal, and Ctrl-C stops every process it started", { timeout: 400_000 }, async () => {
    let output = "";
    child = spawn("npm", ["start"], {
      cwd: root,
      detached: true, // its own process group, as a terminal gives it; Ctrl-C signals the group
      env: { ...process.env, ...ports, DATA_DIR: mkdtempSync(join(tmpdir(), "start-test-")), MARKET_FEED: "auto", KAFKA_BROKERS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));

    const up = await until(
      async () => (await ok(`http://localhost:${ports.PORT}/health`)) && (await ok(`http://localhost:${ports.WEB_PORT}/`)),
      300_000,
    );
    expect(up, output.slice(-3000)).toBe(true);
    const moving = await until(async () => {
      const markets = await fetch(`http://localhost:${ports.PORT}/api/v1/markets`).then((r) => r.json(), () => []);
      return markets.some((m) => m.bid !== null && m.stale === false);
    }, 60_000);
    expect(moving, output.slice(-3000)).toBe(true);
    await until(() => output.includes("Trading terminal"), 60_000);
    expect(output).toContain(`http://localhost:${ports.WEB_PORT}`);

    const started = descendants(child.pid);
    expect(started.length).toBeGreaterThan(3);
    process.kill(-child.pid, "SIGINT");
    const exitCode = await new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    expect(exitCode).toBe(0);
    const leftovers = await until(() => started.every((pid) => !isAlive(pid)), 15_000);
    expect(leftovers, `still running: ${started.filter(isAlive).join(", ")}`).toBe(true);
    expect(await ok(`http://localhost:${ports.PORT}/health`)).toBe(false);
  });
});
