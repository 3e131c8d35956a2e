import { createHash } from "node:crypto";
import type { ClientOrderStore } from "../ports";

/** A request that may carry a clientOrderId: a market open or a pending order. */
export interface IdempotentRequest {
  clientOrderId?: string | undefined;
}

/** What a repeated clientOrderId means for this request. */
export type ClientOrderCheck =
  | { kind: "new" }
  /** Same id, same body: the original is replayed; `id` is what it made (position or order). */
  | { kind: "repeat"; id: string }
  /** Same id, different body: 409 IDEMPOTENCY_CONFLICT. */
  | { kind: "conflict" };

/** sha256 of the parsed body without its clientOrderId, keys sorted, so 100 and "100" agree. */
export function requestFingerprint(request: IdempotentRequest): string {
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

  check(accountId: string, request: IdempotentRequest): ClientOrderCheck {
    if (request.clientOrderId === undefined) return { kind: "new" };
    const found = this.store.findClientOrder(accountId, request.clientOrderId);
    if (found === null) return { kind: "new" };
    return found.fingerprint === requestFingerprint(request) ? { kind: "repeat", id: found.positionId } : { kind: "conflict" };
  }

  /** The write to run inside the open's ledger transaction; undefined without a clientOrderId. */
  recordWrite(accountId: string, request: IdempotentRequest, positionId: string, at: number): (() => void) | undefined {
    const clientOrderId = request.clientOrderId;
    if (clientOrderId === undefined) return undefined;
    const fingerprint = requestFingerprint(request);
    return () => this.store.insertClientOrder({ accountId, clientOrderId, fingerprint, positionId, createdAt: at });
  }
}
