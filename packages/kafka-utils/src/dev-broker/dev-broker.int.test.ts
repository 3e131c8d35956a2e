import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KafkaUtilsError } from "../errors";
import { ensureDevBroker, startDevBroker, type DevBroker } from "./dev-broker";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("dev broker", () => {
  it("startDevBroker should fail with a message naming the package to install when librdkafka is missing", async () => {
    const attempt = startDevBroker({ libraryPath: "/nonexistent/librdkafka.so.1" });
    await expect(attempt).rejects.toBeInstanceOf(KafkaUtilsError);
    await expect(attempt).rejects.toMatchObject({ code: "LIBRDKAFKA_MISSING" });
    await expect(attempt).rejects.toThrow(/apt-get install librdkafka1/);
    await expect(attempt).rejects.toThrow(/brew install librdkafka/);
  });

  it("should refuse an unknown broker id without crashing, and stop its process", async () => {
    const broker: DevBroker = await startDevBroker({ brokers: 2 });
    cleanups.push(() => broker.stop());
    expect(broker.bootstrapServers).toHaveLength(2);
    await expect(broker.brokerDown(3)).rejects.toThrow(/1\.\.2/);
    await expect(broker.brokerDown(0)).rejects.toThrow(/1\.\.2/);
    await expect(broker.setPartitionLeader("backpack-candles", 3, 1)).rejects.toThrow(/partition/);
    await broker.brokerDown(2);
    await broker.brokerUp(2);
    await broker.pushRequestErrors(0, [6]);
    await broker.clearRequestErrors();
    expect(isAlive(broker.pid)).toBe(true);
    await broker.stop();
    expect(isAlive(broker.pid)).toBe(false);
  });

  it("ensureDevBroker should start and advertise one broker that a second caller reuses", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kafka-utils-it-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const stateFile = join(dir, "dev-broker.json");

    const [first, second] = await Promise.all([ensureDevBroker({ stateFile, brokers: 1 }), ensureDevBroker({ stateFile, brokers: 1 })]);
    const owner = first.owned ? first : second;
    cleanups.push(() => owner.stop());
    expect([first.owned, second.owned].sort()).toEqual([false, true]);
    expect(second.bootstrapServers).toEqual(first.bootstrapServers);
    const advertised = JSON.parse(await readFile(stateFile, "utf8")) as { pid: number };

    const third = await ensureDevBroker({ stateFile });
    expect(third).toMatchObject({ owned: false, bootstrapServers: first.bootstrapServers });

    await owner.stop();
    expect(isAlive(advertised.pid)).toBe(false);
    await expect(readFile(stateFile, "utf8")).rejects.toThrow();
  });
});
