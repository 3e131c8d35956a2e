import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDevBroker, type DevBroker } from "@repo/kafka-utils/dev-broker";
import { KafkaProducer } from "@repo/kafka-utils/producer";
import { TOPICS } from "@repo/kafka-utils/topics";
import type { TStateResponse } from "@repo/shared-types/api";
import { api, freePort, spawnEngine, type EngineProcess } from "./test-support/engine-process";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A TCP forwarder on a fixed port, so the engine can be configured before the broker exists. */
function forward(port: number, target: string): Promise<Server> {
  const separator = target.lastIndexOf(":");
  const host = target.slice(0, separator);
  const targetPort = Number(target.slice(separator + 1));
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host, port: targetPort });
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  server.on("close", () => {
    for (const s of sockets) s.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("Kafka absent at start", () => {
  let engine: EngineProcess | null = null;
  let broker: DevBroker | null = null;
  let proxy: Server | null = null;
  let producer: KafkaProducer | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "kafka-absent-"));

  afterAll(async () => {
    await engine?.kill9();
    await producer?.disconnect();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the API should serve health, sign-up and state, refuse orders with 503, then trade once the broker appears, without a restart", async () => {
    const kafkaPort = await freePort();
    engine = await spawnEngine({ KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`, DATA_DIR: dataDir, KAFKA_MAX_WAIT_MS: "10" });
    const base = engine.baseUrl;

    expect((await api(base, "GET", "/health")).status).toBe(200);
    const ready = await api<{ error: { code: string; message: string } }>(base, "GET", "/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toContain("kafka not connected");
    const signup = await api<{ token: string }>(base, "POST", "/api/v1/auth/signup", { body: { email: "early@example.com", password: "password123" } });
    expect(signup.status).toBe(201);
    const token = signup.body.token;
    const state = await api<TStateResponse>(base, "GET", "/api/v1/state", { token });
    expect(state.status).toBe(200);
    expect(state.body.balances.USD).toBe(10000);
    const order = { asset: "SOL", type: "long", margin: 100, leverage: 2 };
    const refused = await api<{ error: { code: string } }>(base, "POST", "/api/v1/positions/open", { token, body: order });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("PRICE_UNAVAILABLE");

    // Now Kafka comes up at the configured address.
    broker = await startDevBroker({ brokers: 1 });
    const bootstrap = broker.bootstrapServers[0];
    if (bootstrap === undefined) throw new Error("no bootstrap server");
    proxy = await forward(kafkaPort, bootstrap);
    producer = new KafkaProducer({ brokers: broker.bootstrapServers, clientId: "absent-test", logger: silent });
    await producer.connect();

    const deadline = Date.now() + 45_000;
    let status = 0;
    while (Date.now() < deadline) {
      await producer.send(TOPICS.marketUpdates, {
        schemaVersion: 1 as const,
        symbol: "SOL_USDC",
        bid: "150.49",
        ask: "150.51",
        price: "150.5",
        volume: "1",
        timestamp: Date.now(),
        source: "simulator" as const,
      });
      const res = await api(base, "POST", "/api/v1/positions/open", { token, body: order });
      status = res.status;
      if (status === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(201);
    const after = await api<TStateResponse>(base, "GET", "/api/v1/state", { token });
    expect(after.body.balances.USD).toBe(9900);
  }, 90_000);
});
