import { open, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TopicSpec } from "../topics";
import { startDevBroker } from "./start-dev-broker";

/** Where a running dev broker advertises itself so separately started services share it. */
export const DEV_BROKER_STATE_FILE = join(tmpdir(), "exness-dev-broker.json");

export interface DevBrokerState {
  /** pid of the process hosting the mock cluster. */
  pid: number;
  bootstrapServers: string[];
  startedAt: string;
}

export interface EnsuredDevBroker {
  bootstrapServers: string[];
  /** True when this call started the broker (then `stop` stops it); false when reusing one. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EnsureDevBrokerOptions {
  brokers?: number;
  topics?: readonly TopicSpec[];
  stateFile?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function canConnect(address: string, timeoutMs = 1_000): Promise<boolean> {
  const separator = address.lastIndexOf(":");
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

/** The advertised broker, if its process is alive and its first broker accepts connections. */
export async function readLiveDevBroker(stateFile = DEV_BROKER_STATE_FILE): Promise<DevBrokerState | null> {
  let state: DevBrokerState;
  try {
    state = JSON.parse(await readFile(stateFile, "utf8")) as DevBrokerState;
  } catch {
    return null;
  }
  const first = state.bootstrapServers[0];
  if (!Number.isInteger(state.pid) || first === undefined || !isAlive(state.pid)) return null;
  return (await canConnect(first)) ? state : null;
}

/** A lock file (O_EXCL) so two services starting together don't both start a broker. */
async function acquireLock(lockFile: string, timeoutMs: number): Promise<(() => Promise<void>) | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        await rm(lockFile, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return null;
}

/**
 * For services in development with no KAFKA_BROKERS: reuses the dev broker advertised in the state
 * file (e.g. by `npm run kafka:dev` or the other service), or starts one and advertises it. A
 * broker started here lives as long as this process: run `npm run kafka:dev` for one that outlives
 * restarts of the services.
 */
export async function ensureDevBroker(options: EnsureDevBrokerOptions = {}): Promise<EnsuredDevBroker> {
  const stateFile = options.stateFile ?? DEV_BROKER_STATE_FILE;
  const reuse = (state: DevBrokerState): EnsuredDevBroker => ({
    bootstrapServers: state.bootstrapServers,
    owned: false,
    stop: () => Promise.resolve(),
  });

  const existing = await readLiveDevBroker(stateFile);
  if (existing) return reuse(existing);

  const release = await acquireLock(`${stateFile}.lock`, 30_000);
  try {
    const startedMeanwhile = await readLiveDevBroker(stateFile);
    if (startedMeanwhile) return reuse(startedMeanwhile);

    const broker = await startDevBroker({ brokers: options.brokers, topics: options.topics });
    const state: DevBrokerState = {
      pid: broker.pid,
      bootstrapServers: broker.bootstrapServers,
      startedAt: new Date().toISOString(),
    };
    await writeFile(stateFile, `${JSON.stringify(state)}\n`);
    return {
      bootstrapServers: broker.bootstrapServers,
      owned: true,
      stop: async () => {
        const advertised = await readFile(stateFile, "utf8").catch(() => "");
        if (advertised.includes(`"pid":${broker.pid},`)) await rm(stateFile, { force: true });
        await broker.stop();
      },
    };
  } finally {
    await release?.();
  }
}
