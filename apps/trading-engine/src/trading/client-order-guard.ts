import { createHash } from "node:crypto";
import type { ClientOrderStore } from "../ports";

/** A request that may carry a clientOrderId: a market open or a pending order. */
export interface IdempotentRequest {
  clientOrderId?: string | undefined;
}

/** The contract's minimum: a clientOrderId is remembered for at least 24 hours. */
export const CLIENT_ORDER_TTL_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** What a repeated clientOrderId means for this request. */
export type ClientOrderCheck =
  | { kind: "new" }
  /** Same id, same body: the original is replayed; `id` is what it made (position or order). */
  | { kind: "repeat"; id: string }
  /** Same id, different body: 409 IDEMPOTENCY_CONFLICT. */
  | { kind: "conflict" };

/** A clientOrderId claimed by an open (or a pending order) whose transaction has not committed yet. */
export interface ClientOrderClaim {
  /** The row's insert, to run inside the open's ledger transaction. */
  write: () => void;
  /** Forget the in-flight claim once that transaction settled (the row is on disk, or never will be). */
  release: () => void;
}

interface InFlight {
  fingerprint: string;
  positionId: string;
}

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
 * store (SQLite, primary key), not to memory, so nothing grows with the number of orders; only
 * ids whose open is still waiting for its group commit are held here, so a repeat in the same
 * batch is told apart (same body: the same position; a different one: 409) before it is on disk.
 * Rows older than 24 h are pruned at boot and then at most hourly, on the order path.
 */
export class ClientOrderGuard {
  private readonly inFlight = new Map<string, InFlight>();
  private lastPruneAt: number;

  constructor(
    private readonly store: ClientOrderStore,
    private readonly now: () => number,
  ) {
    this.lastPruneAt = now();
    this.prune();
  }

  /** Deletes the ids first used more than 24 h ago; returns how many. */
  prune(): number {
    const now = this.now();
    this.lastPruneAt = now;
    return this.store.pruneClientOrders(now - CLIENT_ORDER_TTL_MS);
  }

  check(accountId: string, request: IdempotentRequest): ClientOrderCheck {
    if (request.clientOrderId === undefined) return { kind: "new" };
    if (this.now() - this.lastPruneAt >= PRUNE_EVERY_MS) this.prune();
    const found = this.inFlight.get(keyOf(accountId, request.clientOrderId)) ?? this.store.findClientOrder(accountId, request.clientOrderId);
    if (found === null) return { kind: "new" };
    return found.fingerprint === requestFingerprint(request) ? { kind: "repeat", id: found.positionId } : { kind: "conflict" };
  }

  /** Claims the request's clientOrderId for the position or order it just made; undefined without one. */
  claim(accountId: string, request: IdempotentRequest, positionId: string, at: number): ClientOrderClaim | undefined {
    const clientOrderId = request.clientOrderId;
    if (clientOrderId === undefined) return undefined;
    const fingerprint = requestFingerprint(request);
    const key = keyOf(accountId, clientOrderId);
    this.inFlight.set(key, { fingerprint, positionId });
    return {
      write: () => this.store.insertClientOrder({ accountId, clientOrderId, fingerprint, positionId, createdAt: at }),
      release: () => this.inFlight.delete(key),
    };
  }

  /** Ids held in memory: those of opens not yet committed (0 between batches). */
  inFlightCount(): number {
    return this.inFlight.size;
  }
}

function keyOf(accountId: string, clientOrderId: string): string {
  return `${accountId}\u0000${clientOrderId}`;
}
