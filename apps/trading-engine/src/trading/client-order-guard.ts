import { createHash } from "node:crypto";
import type { TOpenPositionRequest } from "@repo/shared-types/api";
import type { ClientOrderStore } from "../ports";

/** What a repeated clientOrderId means for this request. */
export type ClientOrderCheck =
  | { kind: "new" }
  /** Same id, same body: the engine replays the original. */
  | { kind: "repeat" }
  /** Same id, different body: 409 IDEMPOTENCY_CONFLICT. */
  | { kind: "conflict" };

/** sha256 of the parsed body without its clientOrderId, keys sorted, so 100 and "100" agree. */
export function requestFingerprint(request: TOpenPositionRequest): string {
  const { clientOrderId: _ignored, ...rest } = request;
  const canonical = Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * The idempotency check before an open executes, and the row written with it. Lookups go to the
 * store (SQLite, primary key), not to memory, so nothing grows with the number of orders.
 */
export class ClientOrderGuard {
  constructor(private readonly store: ClientOrderStore) {}

  check(accountId: string, request: TOpenPositionRequest): ClientOrderCheck {
    if (request.clientOrderId === undefined) return { kind: "new" };
    const found = this.store.findClientOrder(accountId, request.clientOrderId);
    if (found === null) return { kind: "new" };
    return found.fingerprint === requestFingerprint(request) ? { kind: "repeat" } : { kind: "conflict" };
  }

  /** The write to run inside the open's ledger transaction; undefined without a clientOrderId. */
  recordWrite(accountId: string, request: TOpenPositionRequest, positionId: string, at: number): (() => void) | undefined {
    const clientOrderId = request.clientOrderId;
    if (clientOrderId === undefined) return undefined;
    const fingerprint = requestFingerprint(request);
    return () => this.store.insertClientOrder({ accountId, clientOrderId, fingerprint, positionId, createdAt: at });
  }
}
