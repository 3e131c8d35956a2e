// docker-compose.yml cannot run here (no Docker engine), so this test checks what a run depends
// on: services, ports, env, healthchecks, start order, volumes and the Dockerfiles' build steps.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compose = parse(readFileSync(join(root, "docker-compose.yml"), "utf8"));
const services = compose.services;
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const dockerfileOf = (service) => readFileSync(join(root, services[service].build.dockerfile), "utf8");

describe("docker-compose.yml", () => {
  it("runs Apache Kafka in KRaft mode with the official image and a healthcheck", () => {
    const kafka = services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:\d/);
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(kafka.environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/@kafka:9093$/);
    expect(kafka.healthcheck.test.join(" ")).toContain("kafka-broker-api-versions");
  });

  it("publishes Kafka's unauthenticated external listener on loopback only", () => {
    const published = services.kafka.ports.map(String);
    expect(published).toEqual(["127.0.0.1:9094:9094"]);
    // No other service publishes a Kafka port either.
    for (const [name, service] of Object.entries(services)) {
      if (name === "kafka") continue;
      for (const port of service.ports ?? []) expect(String(port)).not.toMatch(/909\d/);
    }
  });

  it("creates both topics with 3 partitions before any service starts", () => {
    const init = services["kafka-init"].command.join("\n");
    expect(init).toContain("backpack-market-updates backpack-candles");
    expect(init).toContain("--partitions 3");
    for (const name of ["market-data-service", "trading-engine"]) {
      expect(services[name].depends_on).toEqual({
        kafka: { condition: "service_healthy" },
        "kafka-init": { condition: "service_completed_successfully" },
      });
    }
    expect(services.web.depends_on).toEqual({ "trading-engine": { condition: "service_healthy" } });
  });

  it("publishes the API on 4000, the terminal on 3000 and market-data health on 4001", () => {
    expect(services["trading-engine"].ports).toContain("4000:4000");
    expect(services.web.ports).toContain("3000:3000");
    expect(services["market-data-service"].ports).toContain("4001:4001");
  });

  it("gives every service a healthcheck against its own port", () => {
    expect(services["trading-engine"].healthcheck.test.join(" ")).toContain("127.0.0.1:4000/health");
    expect(services["market-data-service"].healthcheck.test.join(" ")).toContain("127.0.0.1:4001/health");
    expect(services.web.healthcheck.test.join(" ")).toContain("127.0.0.1:3000/");
  });

  it("configures the services with the documented variables", () => {
    const engine = services["trading-engine"].environment;
    expect(engine).toMatchObject({
      PORT: "4000",
      KAFKA_BROKERS: "kafka:9092",
      KAFKA_GROUP_ID: "trading-engine-group",
      KAFKA_TOPIC: "backpack-market-updates",
      DATA_DIR: "/data",
      WEB_ORIGIN: "http://localhost:3000",
      NODE_ENV: "production",
    });
    const marketData = services["market-data-service"].environment;
    expect(marketData).toMatchObject({
      KAFKA_BROKERS: "kafka:9092",
      KAFKA_TOPIC: "backpack-market-updates",
      BACKPACK_WS_URL: "wss://ws.backpack.exchange/",
      BACKPACK_REST_URL: "https://api.backpack.exchange",
      NODE_ENV: "production",
    });
    // Production refuses MARKET_FEED=auto, so compose must choose explicitly.
    expect(marketData.MARKET_FEED).toMatch(/backpack|simulator/);
    expect(services.web.environment.NEXT_PUBLIC_API_URL).toBe("http://localhost:4000");
  });

  it("keeps the engine's database on a named volume", () => {
    expect(services["trading-engine"].volumes).toContain("engine-data:/data");
    expect(Object.keys(compose.volumes)).toContain("engine-data");
  });

  it("builds every service with a multi-stage Dockerfile that runs as non-root", () => {
    for (const name of ["market-data-service", "trading-engine", "web"]) {
      const dockerfile = dockerfileOf(name);
      expect(dockerfile.match(/^FROM /gm)?.length, name).toBeGreaterThanOrEqual(2);
      expect(dockerfile, name).toMatch(/^USER node$/m);
      expect(dockerfile, name).toContain("npm ci");
    }
  });

  it("builds with the same turbo command that CI and npm start run", () => {
    expect(rootPackage.scripts.build).toBe("turbo run build");
    expect(dockerfileOf("trading-engine")).toContain("npx turbo run build --filter=${SERVICE}");
    expect(services["trading-engine"].build.args.SERVICE).toBe("trading-engine");
    expect(services["market-data-service"].build.args.SERVICE).toBe("market-data-service");
    expect(dockerfileOf("web")).toContain("npx turbo run build --filter=web");
  });
});
