import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { KafkaUtilsError } from "../errors";
import { ALL_TOPICS, type TopicSpec } from "../topics";
import type { DevBrokerCommand, DevBrokerEvent } from "./protocol";

export interface DevBrokerOptions {
  /** Number of brokers, ids 1..n. Default 3. */
  brokers?: number;
  /** Topics to pre-create. Default: every topic of the registry (ALL_TOPICS). */
  topics?: readonly TopicSpec[];
  /** Load librdkafka from exactly this path instead of the usual names (tests use a bad one). */
  libraryPath?: string;
  /** How long to wait for the child to report ready. Default 20 s. */
  startTimeoutMs?: number;
}

/** A running librdkafka mock cluster in a child process, with fault injection. */
export interface DevBroker {
  readonly bootstrapServers: string[];
  readonly brokers: number;
  /** pid of the child process hosting the mock. */
  readonly pid: number;
  brokerDown(id: number): Promise<void>;
  brokerUp(id: number): Promise<void>;
  setPartitionLeader(topic: string, partition: number, id: number): Promise<void>;
  setRtt(id: number, rttMs: number): Promise<void>;
  /** The next requests with this Kafka API key fail with these error codes, in order. */
  pushRequestErrors(apiKey: number, errorCodes: number[]): Promise<void>;
  /** Removes every injected request error (they outlive the clients that saw them). */
  clearRequestErrors(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The child runs as TypeScript through tsx's loader, from the source file beside this one or, when
 * this code was bundled into a service (tsup), from the installed package's export — so the same
 * code works under tsx, vitest and a bundled `node dist/main.js` inside the monorepo.
 */
function childCommand(): { entry: string; loader: string } {
  const require = createRequire(import.meta.url);
  const sibling = fileURLToPath(new URL("./mock-cluster-process.ts", import.meta.url));
  const entry = existsSync(sibling) ? sibling : require.resolve("@repo/kafka-utils/dev-broker/mock-cluster-process");
  return { entry, loader: pathToFileURL(require.resolve("tsx")).href };
}

function exitPromise(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Starts a mock cluster in its own process and resolves once it listens. */
export async function startDevBroker(options: DevBrokerOptions = {}): Promise<DevBroker> {
  const brokers = options.brokers ?? 3;
  const topics = (options.topics ?? ALL_TOPICS).map(({ name, partitions }) => ({ name, partitions }));
  const { entry, loader } = childCommand();
  const args = ["--import", loader, entry, "--brokers", String(brokers), "--topics", JSON.stringify(topics)];
  if (options.libraryPath !== undefined) args.push("--library", options.libraryPath);

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const exited = exitPromise(child);
  // Never leave the mock behind if this process exits without calling stop().
  const killOnExit = (): void => {
    child.kill("SIGTERM");
  };
  process.once("exit", killOnExit);

  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4_000);
  });

  const ready = await new Promise<Extract<DevBrokerEvent, { type: "ready" }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new KafkaUtilsError("DEV_BROKER_START_TIMEOUT", `dev broker did not start in time. ${stderrTail}`));
    }, options.startTimeoutMs ?? 20_000);
    let fatal: Extract<DevBrokerEvent, { type: "fatal" }> | null = null;
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      let event: DevBrokerEvent;
      try {
        event = JSON.parse(line) as DevBrokerEvent;
      } catch {
        return;
      }
      if (event.type === "ready") {
        clearTimeout(timer);
        resolve(event);
      } else if (event.type === "fatal") {
        fatal = event;
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      process.removeListener("exit", killOnExit);
      const failure = fatal;
      reject(
        failure
          ? new KafkaUtilsError(failure.code, failure.message)
          : new KafkaUtilsError("DEV_BROKER_START_FAILED", `dev broker exited (${code ?? signal}) before it was ready. ${stderrTail}`),
      );
    });
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  child.on("message", (raw) => {
    const event = raw as DevBrokerEvent;
    if (event.type !== "reply") return;
    const waiter = pending.get(event.id);
    pending.delete(event.id);
    if (!waiter) return;
    if (event.ok) waiter.resolve();
    else waiter.reject(new KafkaUtilsError("DEV_BROKER_COMMAND_FAILED", event.error));
  });
  child.once("exit", () => {
    process.removeListener("exit", killOnExit);
    for (const waiter of pending.values()) waiter.reject(new KafkaUtilsError("DEV_BROKER_GONE", "dev broker process exited"));
    pending.clear();
  });

  const request = (command: DevBrokerCommand): Promise<void> =>
    new Promise((resolve, reject) => {
      if (!child.connected) {
        reject(new KafkaUtilsError("DEV_BROKER_GONE", "dev broker process is not running"));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...command, id });
    });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await request({ cmd: "stop" }).catch(() => undefined);
      const timedOut = await Promise.race([exited.then(() => false), delay(5_000).then(() => true)]);
      if (timedOut) {
        child.kill("SIGKILL");
        await exited;
      }
    })();
    return stopping;
  };

  return {
    bootstrapServers: ready.bootstrapServers,
    brokers,
    pid: ready.pid,
    brokerDown: (id) => request({ cmd: "brokerDown", broker: id }),
    brokerUp: (id) => request({ cmd: "brokerUp", broker: id }),
    setPartitionLeader: (topic, partition, id) => request({ cmd: "setLeader", topic, partition, broker: id }),
    setRtt: (id, rttMs) => request({ cmd: "setRtt", broker: id, rttMs }),
    pushRequestErrors: (apiKey, errorCodes) => request({ cmd: "pushRequestErrors", apiKey, errorCodes }),
    clearRequestErrors: () => request({ cmd: "clearRequestErrors" }),
    stop,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
