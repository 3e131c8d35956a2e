/**
 * Child-process entry that hosts librdkafka's mock Kafka cluster through koffi. It runs in its own
 * process because a bad broker id makes the mock abort its host (architecture.md §8). Started by
 * dev-broker.ts; prints one `ready` JSON line on stdout, then obeys JSON commands (IPC, or stdin
 * lines when there is no IPC channel), answering each with a `reply`.
 *
 * argv: --brokers N  --topics '[{"name":"t","partitions":3}]'  [--library /path/librdkafka.so]
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import koffi from "koffi";
import {
  LIBRDKAFKA_CANDIDATES,
  LIBRDKAFKA_MISSING_HELP,
  type DevBrokerEvent,
  type DevBrokerRequest,
} from "./protocol";

type Pointer = object;

interface MockApi {
  confNew: () => Pointer;
  confSet: (conf: Pointer, name: string, value: string, errstr: Buffer, size: number) => number;
  kafkaNew: (type: number, conf: Pointer, errstr: Buffer, size: number) => Pointer | null;
  clusterNew: (rk: Pointer, brokers: number) => Pointer | null;
  bootstraps: (mc: Pointer) => string;
  topicCreate: (mc: Pointer, topic: string, partitions: number, rf: number) => number;
  brokerDown: (mc: Pointer, id: number) => number;
  brokerUp: (mc: Pointer, id: number) => number;
  setLeader: (mc: Pointer, topic: string, partition: number, id: number) => number;
  setRtt: (mc: Pointer, id: number, rttMs: number) => number;
  pushErrors: (mc: Pointer, apiKey: number, count: number, errors: Int32Array) => void;
  clearErrors: (mc: Pointer, apiKey: number) => void;
  clusterDestroy: (mc: Pointer) => void;
  kafkaDestroy: (rk: Pointer) => void;
}

function emit(event: DevBrokerEvent): void {
  if (process.send) process.send(event);
  else process.stdout.write(`${JSON.stringify(event)}\n`);
}

function fail(code: string, message: string): never {
  // `ready` and `fatal` always go to stdout so a parent without IPC (or a human) sees them.
  process.stdout.write(`${JSON.stringify({ type: "fatal", code, message } satisfies DevBrokerEvent)}\n`);
  process.stderr.write(`dev-broker: ${message}\n`);
  process.exit(2);
}

function loadApi(explicitPath: string | undefined): MockApi {
  const candidates = explicitPath ? [explicitPath] : [...LIBRDKAFKA_CANDIDATES];
  const errors: string[] = [];
  for (const candidate of candidates) {
    let lib: koffi.IKoffiLib;
    try {
      lib = koffi.load(candidate);
    } catch (error) {
      errors.push(`${candidate}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    return {
      confNew: lib.func("void *rd_kafka_conf_new()"),
      confSet: lib.func("int rd_kafka_conf_set(void *conf, const char *name, const char *value, void *errstr, size_t size)"),
      kafkaNew: lib.func("void *rd_kafka_new(int type, void *conf, void *errstr, size_t size)"),
      clusterNew: lib.func("void *rd_kafka_mock_cluster_new(void *rk, int broker_cnt)"),
      bootstraps: lib.func("const char *rd_kafka_mock_cluster_bootstraps(void *mc)"),
      topicCreate: lib.func("int rd_kafka_mock_topic_create(void *mc, const char *topic, int partition_cnt, int replication_factor)"),
      brokerDown: lib.func("int rd_kafka_mock_broker_set_down(void *mc, int32_t broker_id)"),
      brokerUp: lib.func("int rd_kafka_mock_broker_set_up(void *mc, int32_t broker_id)"),
      setLeader: lib.func("int rd_kafka_mock_partition_set_leader(void *mc, const char *topic, int32_t partition, int32_t broker_id)"),
      setRtt: lib.func("int rd_kafka_mock_broker_set_rtt(void *mc, int32_t broker_id, int rtt_ms)"),
      pushErrors: lib.func("void rd_kafka_mock_push_request_errors_array(void *mc, int16_t api_key, size_t cnt, const int32_t *errors)"),
      clearErrors: lib.func("void rd_kafka_mock_clear_request_errors(void *mc, int16_t api_key)"),
      clusterDestroy: lib.func("void rd_kafka_mock_cluster_destroy(void *mc)"),
      kafkaDestroy: lib.func("void rd_kafka_destroy(void *rk)"),
    };
  }
  return fail("LIBRDKAFKA_MISSING", `${LIBRDKAFKA_MISSING_HELP} (tried: ${errors.join("; ")})`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      brokers: { type: "string", default: "3" },
      topics: { type: "string", default: "[]" },
      library: { type: "string" },
    },
  });
  const brokerCount = Number(values.brokers);
  if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 16) {
    fail("INVALID_ARGUMENT", `--brokers must be an integer 1..16, got "${values.brokers}"`);
  }
  const topics = JSON.parse(values.topics) as { name: string; partitions: number }[];
  const api = loadApi(values.library);

  const errstr = Buffer.alloc(512);
  const conf = api.confNew();
  // Quiet librdkafka's own logging; the mock's state changes are reported by us.
  api.confSet(conf, "log_level", "3", errstr, errstr.length);
  const rk = api.kafkaNew(0, conf, errstr, errstr.length);
  if (!rk) fail("MOCK_START_FAILED", `rd_kafka_new failed: ${errstr.toString("utf8").replace(/\0.*$/s, "")}`);
  const mc = api.clusterNew(rk, brokerCount);
  if (!mc) fail("MOCK_START_FAILED", "rd_kafka_mock_cluster_new returned NULL");

  const partitionsByTopic = new Map<string, number>();
  const replication = Math.min(3, brokerCount);
  for (const topic of topics) {
    const err = api.topicCreate(mc, topic.name, topic.partitions, replication);
    if (err !== 0) fail("MOCK_START_FAILED", `creating topic ${topic.name} failed with error ${err}`);
    partitionsByTopic.set(topic.name, topic.partitions);
  }

  const pushedApiKeys = new Set<number>();
  let stopped = false;
  const keepAlive = setInterval(() => undefined, 1 << 30);

  function shutdown(exitCode: number): void {
    if (stopped) return;
    stopped = true;
    clearInterval(keepAlive);
    // Destroy in this order, or librdkafka may crash at exit (architecture.md §8).
    api.clusterDestroy(mc as Pointer);
    api.kafkaDestroy(rk as Pointer);
    process.exit(exitCode);
  }

  function checkBroker(id: number): void {
    if (!Number.isInteger(id) || id < 1 || id > brokerCount) {
      // Validated here: the mock asserts (and aborts this process) on an unknown broker id.
      throw new Error(`broker id must be 1..${brokerCount}, got ${id}`);
    }
  }

  function execute(request: DevBrokerRequest): void {
    const cluster = mc as Pointer;
    let err = 0;
    switch (request.cmd) {
      case "brokerDown":
        checkBroker(request.broker);
        err = api.brokerDown(cluster, request.broker);
        break;
      case "brokerUp":
        checkBroker(request.broker);
        err = api.brokerUp(cluster, request.broker);
        break;
      case "setLeader": {
        checkBroker(request.broker);
        const partitions = partitionsByTopic.get(request.topic);
        if (partitions === undefined) throw new Error(`unknown topic "${request.topic}"`);
        if (!Number.isInteger(request.partition) || request.partition < 0 || request.partition >= partitions) {
          throw new Error(`partition must be 0..${partitions - 1}, got ${request.partition}`);
        }
        err = api.setLeader(cluster, request.topic, request.partition, request.broker);
        break;
      }
      case "setRtt":
        checkBroker(request.broker);
        if (!Number.isInteger(request.rttMs) || request.rttMs < 0) throw new Error("rttMs must be a non-negative integer");
        err = api.setRtt(cluster, request.broker, request.rttMs);
        break;
      case "pushRequestErrors":
        if (!Number.isInteger(request.apiKey) || request.apiKey < 0 || request.apiKey > 32767) throw new Error("invalid apiKey");
        if (!request.errorCodes.every((code) => Number.isInteger(code))) throw new Error("error codes must be integers");
        api.pushErrors(cluster, request.apiKey, request.errorCodes.length, Int32Array.from(request.errorCodes));
        pushedApiKeys.add(request.apiKey);
        break;
      case "clearRequestErrors":
        for (const apiKey of pushedApiKeys) api.clearErrors(cluster, apiKey);
        pushedApiKeys.clear();
        break;
      case "stop":
        emit({ type: "reply", id: request.id, ok: true });
        // Let the reply flush before exiting.
        setImmediate(() => shutdown(0));
        return;
    }
    if (err !== 0) throw new Error(`librdkafka returned error ${err}`);
    emit({ type: "reply", id: request.id, ok: true });
  }

  function onRequest(raw: unknown): void {
    const request = raw as DevBrokerRequest;
    try {
      execute(request);
    } catch (error) {
      emit({ type: "reply", id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  process.on("SIGTERM", () => shutdown(0));
  process.on("SIGINT", () => shutdown(0));
  if (process.send) {
    process.on("message", onRequest);
    // The parent died or closed the channel: never outlive it.
    process.on("disconnect", () => shutdown(0));
  } else {
    const lines = createInterface({ input: process.stdin });
    lines.on("line", (line) => {
      if (line.trim().length === 0) return;
      try {
        onRequest(JSON.parse(line));
      } catch {
        process.stderr.write(`dev-broker: ignoring a line that is not JSON: ${line}\n`);
      }
    });
    lines.on("close", () => shutdown(0));
  }

  const ready: DevBrokerEvent = { type: "ready", bootstrapServers: api.bootstraps(mc).split(","), brokers: brokerCount, pid: process.pid };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main();
