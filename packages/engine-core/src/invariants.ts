import type { Engine } from "./engine";

/**
 * The ledger's invariants, checked from the outside through the engine's queries (used by the
 * property tests and the bench, and cheap enough for a service to run at start-up):
 * - conservation, exactly: Σ balances + Σ open margins + Σ reserved order margins
 *   = Σ deposits − Σ withdrawals + Σ realised PnL;
 * - no open order past its expiry at the latest time `now` (when given);
 * - no negative USD balance;
 * - no open position at or beyond its stored liquidation price at the market's latest quote;
 * - the maintained state hash equals the one recomputed from every row.
 * Returns human-readable violations (empty when all hold). O(accounts + open positions + orders).
 */
export function checkInvariants(engine: Engine, now?: number): string[] {
  const violations: string[] = [];
  let left = 0n;
  let right = 0n;
  for (const accountId of engine.listAccountIds()) {
    const account = engine.getAccount(accountId);
    if (account === null) {
      violations.push(`account ${accountId} listed but not found`);
      continue;
    }
    if (account.balances.USD < 0n) violations.push(`account ${accountId} has a negative balance`);
    left += account.balances.USD;
    right += account.deposits - account.withdrawals + account.realizedPnl;
    for (const order of engine.getOpenOrders(accountId)) {
      left += order.margin;
      if (now !== undefined && order.expiresAt !== null && order.expiresAt <= now)
        violations.push(`order ${order.orderId} is open past its expiry`);
    }
    for (const position of engine.getOpenPositions(accountId)) {
      left += position.margin;
      const quote = engine.getQuote(position.symbol);
      if (quote === null) continue;
      const beyond =
        position.side === "long"
          ? quote.bid <= position.liquidationPrice
          : quote.ask >= position.liquidationPrice;
      if (beyond)
        violations.push(`position ${position.positionId} is open beyond its liquidation price`);
    }
  }
  const maintained = engine.stateHash();
  const recomputed = engine.recomputeStateHash();
  if (maintained !== recomputed)
    violations.push(`state hash ${maintained} ≠ recomputed ${recomputed}`);
  if (left !== right)
    violations.push(
      `conservation broken: balances + margins + order margins ${left} ≠ deposits − withdrawals + pnl ${right}`,
    );
  return violations;
}
