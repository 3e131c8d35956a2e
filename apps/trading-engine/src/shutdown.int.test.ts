import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { api, freePort, spawnEngine, type EngineProcess } from "./test-support/engine-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "shutdown-test-"));
const engines: EngineProcess[] = [];
afterAll(async () => {
  for (const e of engines) await e.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

it("SIGTERM should finish in-flight requests, exit 0 within 10 s, and leave a database the next start restores", async () => {
  const env = { KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, DATA_DIR: dataDir };
  const engine = await spawnEngine(env);
  engines.push(engine);
  const signup = await api<{ token: string }>(engine.baseUrl, "POST", "/api/v1/auth/signup", { body: { email: "term@example.com", password: "password123" } });
  expect(signup.status).toBe(201);
  // A sign-up is in flight (scrypt runs on the thread pool) when the signal arrives.
  const inFlight = api(engine.baseUrl, "POST", "/api/v1/auth/signup", { body: { email: "late@example.com", password: "password123" } });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const started = Date.now();
  engine.child.kill("SIGTERM");
  const exit = await engine.exited;
  if (exit.code !== 0) console.log(engine.output());
  expect(exit.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect((await inFlight).status).toBe(201);

  const again = await spawnEngine(env);
  engines.push(again);
  const signin = await api(again.baseUrl, "POST", "/api/v1/auth/signin", { body: { email: "late@example.com", password: "password123" } });
  expect(signin.status).toBe(200);
  const me = await api<{ email: string }>(again.baseUrl, "GET", "/api/v1/auth/me", { token: signup.body.token });
  expect(me.body.email).toBe("term@example.com");
}, 60_000);
