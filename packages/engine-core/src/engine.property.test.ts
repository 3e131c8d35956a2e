import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  createEngine,
  restoreEngine,
  type Engine,
  type EngineCommand,
  type EngineConfig,
  type EngineSnapshot,
  type ExecuteOutput,
  type Order,
  type TriggerIndexKind,
} from "./engine";
import { checkInvariants } from "./invariants";
import { parseUsd, priceFromUnits, qtyFromUnits, usdFromCents, type Price } from "./money";

/*
 * Model-based tests: fast-check drives long random sequences of opens, closes, ticks, resets,
 * alerts and snapshot/restores over many accounts; after every step the ledger invariants must hold exactly.
 * The same suite runs against both trigger finders, and a differential property checks that they
 * (and a replay of the same command log) produce identical results, events and hashes.
 */

const SYMBOLS = ["SOL_USDC", "BTC_USDC", "ETH_USDC"] as const;
const config: EngineConfig = {
  markets: SYMBOLS.map((symbol) => ({
    symbol,
    asset: symbol.split("_")[0] ?? symbol,
    maxLeverage: 100,
  })),
  initialDepositUsd: parseUsd("10000"),
  priceStaleMs: 10_000,
  // These tests drive single-tick gaps through triggers on purpose; the band has its own tests.
  priceBandBp: 0,
};
const START_MID = [15_000_000_000n, 3_000_000_000_000n, 300_000_000_000n]; // 150, 30000, 3000

interface Model {
  accounts: number;
  orders: number;
  positions: { id: string; account: number }[];
  time: number;
  mid: bigint[];
}

interface Real {
  engine: Engine;
  kind: TriggerIndexKind;
  /** Liquidation price reported at open, by position id. */
  reportedLiq: Map<string, Price>;
  log: EngineCommand[];
  outputs: string[];
}

/** What the generated sequences exercised; asserted at the end so a weak generator fails loudly. */
const COVERAGE = {
  opened: 0,
  replayed: 0,
  rejected: 0,
  manual: 0,
  liquidation: 0,
  stop_loss: 0,
  take_profit: 0,
  trailing_stop: 0,
  positionModified: 0,
  partial: 0,
  closeAll: 0,
  orderPlaced: 0,
  filled: 0,
  fillRejected: 0,
  expired: 0,
  cancelled: 0,
  modified: 0,
  reset: 0,
  alertsFired: 0,
};

const stringify = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

function exec(real: Real, command: EngineCommand): ExecuteOutput {
  real.log.push(command);
  const hashBefore = real.engine.stateHash();
  const out = real.engine.execute(command);
  real.outputs.push(stringify(out));
  // A rejection is a value, never a partial change.
  if (!out.result.ok) expect(real.engine.stateHash()).toBe(hashBefore);
  for (const event of out.events) {
    if (event.type === "positionClosed") COVERAGE[event.reason]++;
    if (event.type !== "orderUpdated") continue;
    const status = event.order.status;
    if (status === "filled") COVERAGE.filled++;
    else if (status === "rejected") COVERAGE.fillRejected++;
    else if (status === "expired") COVERAGE.expired++;
    else if (status === "cancelled") COVERAGE.cancelled++;
    else if (command.type === "placeOrder") COVERAGE.orderPlaced++;
    else COVERAGE.modified++;
  }
  if (!out.result.ok) COVERAGE.rejected++;
  else if (command.type === "modifyPosition") COVERAGE.positionModified++;
  else if (command.type === "closeAllPositions") COVERAGE.closeAll++;
  else if (command.type === "closePosition" && command.quantity !== undefined) COVERAGE.partial++;
  else if (command.type === "openPosition")
    COVERAGE[(out.result.value as { replayed: boolean }).replayed ? "replayed" : "opened"]++;
  return out;
}

/**
 * After every step: the ledger invariants (reserved order margins included, no order alive past
 * the model's clock), and the O(1) maintained hash == the full recomputation.
 */
function assertInvariants(real: Real, now?: number): void {
  expect(real.engine.stateHash()).toBe(real.engine.recomputeStateHash());
  expect(checkInvariants(real.engine, now)).toEqual([]);
}

function allOpenOrders(r: Real): Order[] {
  return r.engine.listAccountIds().flatMap((id) => r.engine.getOpenOrders(id));
}

class CreateAccount implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>) => m.accounts < 24;
  run(m: Model, r: Real): void {
    const out = exec(r, { type: "createAccount", accountId: `acc${m.accounts}`, at: m.time });
    expect(out.result).toMatchObject({ ok: true, value: { created: true } });
    m.accounts++;
    assertInvariants(r);
  }
  toString = () => "createAccount";
}

class Open implements fc.Command<Model, Real> {
  constructor(
    readonly account: number,
    readonly market: number,
    readonly side: "long" | "short",
    readonly marginCents: bigint,
    readonly leverage: number,
    readonly slPermille: number | null,
    readonly tpPermille: number | null,
    readonly clientOrder: number | null,
  ) {}
  check = (m: Readonly<Model>) => m.accounts > 0;
  run(m: Model, r: Real): void {
    const account = this.account % m.accounts;
    const symbol = SYMBOLS[this.market] ?? "SOL_USDC";
    const mid = m.mid[this.market] ?? 1n;
    const sign = this.side === "long" ? -1n : 1n;
    const offset = (permille: number | null, dir: bigint): Price | undefined =>
      permille === null ? undefined : priceFromUnits(mid + (dir * mid * BigInt(permille)) / 1000n);
    const positionId = `pos${m.positions.length}`;
    const out = exec(r, {
      type: "openPosition",
      accountId: `acc${account}`,
      positionId,
      symbol,
      side: this.side,
      margin: usdFromCents(this.marginCents),
      leverage: this.leverage,
      stopLoss: offset(this.slPermille, sign),
      takeProfit: offset(this.tpPermille, -sign),
      clientOrderId: this.clientOrder === null ? undefined : `co${this.clientOrder}`,
      at: m.time,
    });
    m.positions.push({ id: positionId, account });
    if (out.result.ok) {
      const value = out.result.value as {
        replayed: boolean;
        position: { positionId: string; liquidationPrice: Price };
      };
      if (!value.replayed) {
        expect(value.position.positionId).toBe(positionId);
        r.reportedLiq.set(positionId, value.position.liquidationPrice);
      } else {
        expect(r.reportedLiq.has(value.position.positionId)).toBe(true);
      }
    } else {
      expect([
        "INSUFFICIENT_FUNDS",
        "INVALID_STOPS",
        "PRICE_UNAVAILABLE",
        "INVALID_REQUEST",
      ]).toContain(out.result.code);
    }
    assertInvariants(r);
  }
  toString = () => `open(${stringify(this)})`;
}

class Close implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly wrongOwner: boolean,
    readonly onlyOpen: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.positions.length > 0;
  run(m: Model, r: Real): void {
    const open = this.onlyOpen
      ? r.engine
          .listAccountIds()
          .flatMap((id) => r.engine.getOpenPositions(id).map((p) => p.positionId))
      : [];
    const pickedId = open.length > 0 ? open[this.pick % open.length] : undefined;
    const target =
      pickedId === undefined
        ? m.positions[this.pick % m.positions.length]
        : m.positions.find((p) => p.id === pickedId);
    if (target === undefined) return;
    const owner = this.wrongOwner ? (target.account + 1) % m.accounts : target.account;
    const before = r.engine.getPosition(target.id);
    const out = exec(r, {
      type: "closePosition",
      accountId: `acc${owner}`,
      positionId: target.id,
      at: m.time,
    });
    const isOpenAndMine = before !== null && owner === target.account;
    if (out.result.ok) {
      expect(isOpenAndMine).toBe(true);
    } else if (!isOpenAndMine) {
      expect(out.result.code).toBe("POSITION_NOT_FOUND");
    } else {
      expect(out.result.code).toBe("PRICE_UNAVAILABLE");
    }
    assertInvariants(r);
  }
  toString = () => `close(${this.pick},${this.wrongOwner},${this.onlyOpen})`;
}

class Reset implements fc.Command<Model, Real> {
  constructor(readonly account: number) {}
  check = (m: Readonly<Model>) => m.accounts > 0;
  run(m: Model, r: Real): void {
    const accountId = `acc${this.account % m.accounts}`;
    const out = exec(r, { type: "resetAccount", accountId, at: m.time });
    if (out.result.ok) {
      expect(r.engine.getOpenPositions(accountId)).toEqual([]);
      expect(r.engine.getAccount(accountId)?.balances.USD).toBe(config.initialDepositUsd);
      expect(r.engine.getOpenOrders(accountId)).toEqual([]);
    } else {
      // Only a stale market holding one of its positions refuses a reset.
      expect(out.result.code).toBe("PRICE_UNAVAILABLE");
      expect(r.engine.getOpenPositions(accountId).length).toBeGreaterThan(0);
    }
    assertInvariants(r);
  }
  toString = () => `reset(${this.account})`;
}

class PlaceAlert implements fc.Command<Model, Real> {
  constructor(
    readonly account: number,
    readonly market: number,
    readonly condition: "above" | "below",
    readonly permille: number,
  ) {}
  check = (m: Readonly<Model>) => m.accounts > 0;
  run(m: Model, r: Real): void {
    const mid = m.mid[this.market] ?? 1n;
    const out = exec(r, {
      type: "placeAlert",
      accountId: `acc${this.account % m.accounts}`,
      alertId: `al${r.log.length}`,
      symbol: SYMBOLS[this.market] ?? "SOL_USDC",
      condition: this.condition,
      price: priceFromUnits(mid + (mid * BigInt(this.permille)) / 1000n),
      at: m.time,
    });
    expect(out.result.ok).toBe(true);
    assertInvariants(r);
  }
  toString = () => `alert(${stringify(this)})`;
}

class Tick implements fc.Command<Model, Real> {
  constructor(
    readonly market: number,
    readonly movePermille: number,
    readonly spreadBp: number,
    readonly dt: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.time += this.dt;
    const old = m.mid[this.market] ?? 1n;
    let mid = old + (old * BigInt(this.movePermille)) / 1000n;
    if (mid < 1_000_000n) mid = 1_000_000n;
    m.mid[this.market] = mid;
    const half = (mid * BigInt(this.spreadBp)) / 20_000n;
    new ExactTick(
      this.market,
      priceFromUnits(mid - half),
      priceFromUnits(mid + half),
      priceFromUnits(mid),
    ).run(m, r);
  }
  toString = () => `tick(${this.market},${this.movePermille},${this.spreadBp},${this.dt})`;
}

/** Applies one quote and checks every close against the prices reported at open. */
class ExactTick {
  constructor(
    readonly market: number,
    readonly bid: Price,
    readonly ask: Price,
    readonly mid: Price,
  ) {}
  run(m: Model, r: Real): void {
    const { bid, ask, mid } = this;
    m.mid[this.market] = mid;
    const symbol = SYMBOLS[this.market] ?? "SOL_USDC";
    const out = exec(r, {
      type: "applyQuote",
      symbol,
      bid,
      ask,
      price: priceFromUnits(mid),
      timestamp: m.time,
      at: m.time,
    });
    if (!out.result.ok) throw new Error(out.result.message);
    for (const event of out.events) {
      if (event.type !== "orderUpdated" || event.order.symbol !== symbol) continue;
      const o = event.order;
      if (o.status !== "filled") continue;
      const position = r.engine.getPosition(o.orderId);
      // A position the same tick closed again is no longer open; the event shows the entry anyway.
      const opened = out.events.find(
        (e) => e.type === "positionOpened" && e.position.positionId === o.orderId,
      );
      if (opened?.type !== "positionOpened") throw new Error("fill without a position");
      const entry = opened.position.entryPrice;
      expect(entry).toBe(o.side === "long" ? ask : bid);
      // Never worse than a limit; a stop fills at or beyond its price (the gapped one).
      if (o.orderType === "limit") expect(o.side === "long" ? entry <= o.price : entry >= o.price).toBe(true);
      else expect(o.side === "long" ? entry >= o.price : entry <= o.price).toBe(true);
      r.reportedLiq.set(o.orderId, opened.position.liquidationPrice);
      expect(position === null || position.positionId === o.orderId).toBe(true);
    }
    // The index agrees with the rule: nothing this quote triggers is left resting.
    for (const o of allOpenOrders(r)) {
      if (o.symbol !== symbol) continue;
      const triggered =
        o.side === "long"
          ? o.orderType === "limit" ? ask <= o.price : ask >= o.price
          : o.orderType === "limit" ? bid >= o.price : bid <= o.price;
      expect(triggered, `order ${o.orderId} left resting`).toBe(false);
    }
    const closed = (
      out.result.value as {
        closed: {
          positionId: string;
          side: string;
          reason: string;
          closePrice: Price;
          liquidationPrice: Price;
          margin: bigint;
          realizedPnl: bigint;
        }[];
      }
    ).closed;
    for (const c of closed) {
      const reported = r.reportedLiq.get(c.positionId);
      expect(c.liquidationPrice).toBe(reported);
      const beyond = c.side === "long" ? bid <= c.liquidationPrice : ask >= c.liquidationPrice;
      // Liquidated exactly when the tick reached the reported price, and then the loss is exactly the margin.
      expect(c.reason === "liquidation").toBe(beyond);
      if (beyond) expect(c.realizedPnl).toBe(-c.margin);
      expect(c.closePrice).toBe(c.side === "long" ? bid : ask);
    }
    const fired = (
      out.result.value as {
        alerts: { alert: { condition: string; price: Price }; price: Price }[];
      }
    ).alerts;
    for (const a of fired) {
      COVERAGE.alertsFired++;
      // Fired at the side it watches, and only when that side met it.
      expect(a.price).toBe(a.alert.condition === "above" ? ask : bid);
      if (a.alert.condition === "above") expect(ask >= a.alert.price).toBe(true);
      else expect(bid <= a.alert.price).toBe(true);
    }
    // Nothing left open at or beyond its reported liquidation price (checkInvariants), and the
    // stored price is still the reported one.
    for (const p of r.engine.getOpenPositions("acc0"))
      expect(p.liquidationPrice).toBe(r.reportedLiq.get(p.positionId));
    assertInvariants(r, m.time);
  }
}

class PlaceOrder implements fc.Command<Model, Real> {
  constructor(
    readonly account: number,
    readonly market: number,
    readonly side: "long" | "short",
    readonly orderType: "limit" | "stop",
    readonly permille: number,
    readonly marginCents: bigint,
    readonly leverage: number,
    readonly slPermille: number | null,
    readonly tpPermille: number | null,
    readonly expiresIn: number | null,
  ) {}
  check = (m: Readonly<Model>) => m.accounts > 0;
  run(m: Model, r: Real): void {
    const account = this.account % m.accounts;
    const symbol = SYMBOLS[this.market] ?? "SOL_USDC";
    const mid = m.mid[this.market] ?? 1n;
    // Positive permille = the valid side: below the market for a buy limit / sell stop.
    const below = (this.side === "long") === (this.orderType === "limit");
    const price = mid + ((below ? -1n : 1n) * mid * BigInt(this.permille)) / 1000n;
    const sign = this.side === "long" ? -1n : 1n;
    const offset = (permille: number | null, dir: bigint): Price | undefined =>
      permille === null ? undefined : priceFromUnits(price + (dir * price * BigInt(permille)) / 1000n);
    const orderId = `ord${m.orders}`;
    m.orders++;
    const before = r.engine.getAccount(`acc${account}`)?.balances.USD ?? 0n;
    const out = exec(r, {
      type: "placeOrder",
      accountId: `acc${account}`,
      orderId,
      symbol,
      side: this.side,
      orderType: this.orderType,
      price: priceFromUnits(price > 0n ? price : 1n),
      margin: usdFromCents(this.marginCents),
      leverage: this.leverage,
      stopLoss: offset(this.slPermille, sign),
      takeProfit: offset(this.tpPermille, -sign),
      expiresAt: this.expiresIn === null ? undefined : m.time + this.expiresIn,
      at: m.time,
    });
    if (out.result.ok) {
      // The margin is reserved: out of the balance, exactly.
      expect(r.engine.getAccount(`acc${account}`)?.balances.USD).toBe(before - this.marginCents);
    } else {
      expect([
        "INSUFFICIENT_FUNDS",
        "INVALID_STOPS",
        "INVALID_ORDER_PRICE",
        "PRICE_UNAVAILABLE",
        "INVALID_REQUEST",
      ]).toContain(out.result.code);
    }
    assertInvariants(r, m.time);
  }
  toString = () => `placeOrder(${stringify(this)})`;
}

class CancelOrModifyOrder implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly cancel: boolean,
    readonly wrongOwner: boolean,
    readonly permille: number,
    readonly expiresIn: number | null,
  ) {}
  check = (m: Readonly<Model>) => m.accounts > 1;
  run(m: Model, r: Real): void {
    const open = allOpenOrders(r);
    const order = open[this.pick % Math.max(open.length, 1)];
    if (order === undefined) return;
    const owner = this.wrongOwner ? order.accountId + "x" : order.accountId;
    const out = this.cancel
      ? exec(r, { type: "cancelOrder", accountId: owner, orderId: order.orderId, at: m.time })
      : exec(r, {
          type: "modifyOrder",
          accountId: owner,
          orderId: order.orderId,
          price: priceFromUnits(order.price + (order.price * BigInt(this.permille)) / 1000n),
          expiresAt: this.expiresIn === null ? null : m.time + this.expiresIn,
          at: m.time,
        });
    if (this.wrongOwner) expect(out.result).toMatchObject({ ok: false, code: "ORDER_NOT_FOUND" });
    assertInvariants(r, m.time);
  }
  toString = () => `cancelOrModify(${stringify(this)})`;
}

/** The service's expiry clock: time passes with no quote. */
class Clock implements fc.Command<Model, Real> {
  constructor(readonly dt: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.time += this.dt;
    exec(r, { type: "expireOrders", at: m.time });
    assertInvariants(r, m.time);
  }
  toString = () => `clock(${this.dt})`;
}

/** A tick that lands exactly on (or one unit either side of) an open position's trigger price. */
class TickAtTrigger implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly which: "liquidation" | "stopLoss" | "takeProfit" | "trailingStop",
    readonly delta: bigint,
    readonly spreadUnits: bigint,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const open = r.engine.listAccountIds().flatMap((id) => r.engine.getOpenPositions(id));
    const position = open[this.pick % Math.max(open.length, 1)];
    if (position === undefined) return;
    const trigger =
      this.which === "liquidation"
        ? position.liquidationPrice
        : this.which === "stopLoss"
          ? position.stopLoss
          : this.which === "trailingStop"
            ? (position.trailingStop?.level ?? null)
            : position.takeProfit;
    if (trigger === null || trigger <= 1n) return;
    const edge = trigger + this.delta;
    const bid = position.side === "long" ? edge : edge - this.spreadUnits;
    const ask = position.side === "long" ? edge + this.spreadUnits : edge;
    if (bid <= 0n) return;
    const market = SYMBOLS.indexOf(position.symbol as (typeof SYMBOLS)[number]);
    const mid = (bid + ask) / 2n;
    new ExactTick(market, priceFromUnits(bid), priceFromUnits(ask), priceFromUnits(mid)).run(m, r);
  }
  toString = () => `tickAt(${this.pick},${this.which},${this.delta},${this.spreadUnits})`;
}

/** The open positions of every account, in a stable order. */
function allOpen(r: Real) {
  return r.engine.listAccountIds().flatMap((id) => r.engine.getOpenPositions(id));
}

/** Edits stops (sometimes crossed or past liquidation on purpose) and sets or clears trailing stops. */
class Modify implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly slPermille: number | null | undefined,
    readonly tpPermille: number | null | undefined,
    readonly trailPermille: number | null | undefined,
    readonly wrongOwner: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const position = allOpen(r)[this.pick % Math.max(allOpen(r).length, 1)];
    if (position === undefined) return;
    const market = SYMBOLS.indexOf(position.symbol as (typeof SYMBOLS)[number]);
    const mid = m.mid[market] ?? 1n;
    const sign = position.side === "long" ? -1n : 1n;
    const level = (permille: number | null | undefined, dir: bigint) =>
      permille === undefined || permille === null
        ? permille
        : priceFromUnits(mid + (dir * mid * BigInt(permille)) / 1000n);
    const trail = this.trailPermille;
    const accountId = this.wrongOwner ? "nobody" : position.accountId;
    const hash = r.engine.stateHash();
    const out = exec(r, {
      type: "modifyPosition",
      accountId,
      positionId: position.positionId,
      stopLoss: level(this.slPermille, sign),
      takeProfit: level(this.tpPermille, -sign),
      trailingStop:
        trail === undefined || trail === null
          ? trail
          : { distance: priceFromUnits((mid * BigInt(trail)) / 1000n) },
      at: m.time,
    });
    if (this.wrongOwner) expect(out.result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    if (!out.result.ok) {
      expect(["INVALID_STOPS", "PRICE_UNAVAILABLE", "NOT_FOUND"]).toContain(out.result.code);
      expect(r.engine.stateHash()).toBe(hash);
    }
    assertInvariants(r);
  }
  toString = () => `modify(${stringify(this)})`;
}

/** Closes part (sometimes all, or more than all) of an open position. */
class PartialClose implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly permille: number,
  ) {}
  check = () => true;
  run(_m: Model, r: Real): void {
    const open = allOpen(r);
    const position = open[this.pick % Math.max(open.length, 1)];
    if (position === undefined) return;
    const quantity = qtyFromUnits((position.quantity * BigInt(this.permille)) / 1000n);
    const out = exec(r, {
      type: "closePosition",
      accountId: position.accountId,
      positionId: position.positionId,
      quantity,
      at: _m.time,
    });
    if (out.result.ok) {
      const { position: part, remaining } = out.result.value as {
        position: { quantity: bigint; margin: bigint };
        remaining: { quantity: bigint; margin: bigint; liquidationPrice: Price } | null;
      };
      expect(part.quantity).toBe(quantity);
      if (remaining === null) {
        expect(quantity).toBe(position.quantity);
      } else {
        expect(part.margin + remaining.margin).toBe(position.margin);
        expect(part.quantity + remaining.quantity).toBe(position.quantity);
        r.reportedLiq.set(position.positionId, remaining.liquidationPrice);
      }
    } else {
      expect(["INVALID_QUANTITY", "INVALID_REQUEST", "PRICE_UNAVAILABLE"]).toContain(out.result.code);
      if (quantity > position.quantity) expect(out.result.code).toBe("INVALID_QUANTITY");
    }
    assertInvariants(r);
  }
  toString = () => `partialClose(${this.pick},${this.permille})`;
}

class CloseAll implements fc.Command<Model, Real> {
  constructor(
    readonly account: number,
    readonly market: number | null,
    readonly side: "long" | "short" | null,
    readonly filter: "all" | "profitable" | "losing",
  ) {}
  check = (m: Readonly<Model>) => m.accounts > 0;
  run(m: Model, r: Real): void {
    const accountId = `acc${this.account % m.accounts}`;
    const out = exec(r, {
      type: "closeAllPositions",
      accountId,
      symbol: this.market === null ? undefined : SYMBOLS[this.market],
      side: this.side ?? undefined,
      filter: this.filter,
      at: m.time,
    });
    if (out.result.ok) {
      const { closed } = out.result.value as { closed: { reason: string }[] };
      for (const c of closed) expect(c.reason).toBe("manual");
      if (this.filter === "all") {
        const left = r.engine
          .getOpenPositions(accountId)
          .filter(
            (p) =>
              (this.market === null || p.symbol === SYMBOLS[this.market]) &&
              (this.side === null || p.side === this.side),
          );
        expect(left).toEqual([]);
      }
    } else {
      expect(out.result.code).toBe("PRICE_UNAVAILABLE");
    }
    assertInvariants(r);
  }
  toString = () => `closeAll(${stringify(this)})`;
}

class SnapshotRestore implements fc.Command<Model, Real> {
  check = () => true;
  run(_m: Model, r: Real): void {
    const hash = r.engine.stateHash();
    const snap = JSON.parse(JSON.stringify(r.engine.snapshot())) as EngineSnapshot;
    r.engine = restoreEngine(config, snap, { triggerIndex: r.kind });
    expect(r.engine.stateHash()).toBe(hash);
    assertInvariants(r);
  }
  toString = () => "snapshotRestore";
}

const openArb = fc
  .record({
    account: fc.nat(),
    market: fc.integer({ min: 0, max: 2 }),
    side: fc.constantFrom("long" as const, "short" as const),
    margin: fc.oneof(
      fc.bigInt({ min: 1n, max: 300_000n }),
      fc.bigInt({ min: 1n, max: 1_100_000n }),
    ),
    leverage: fc.oneof(
      fc.integer({ min: 1, max: 100 }),
      fc.constantFrom(1, 2, 5, 10, 50, 100, 101, 0),
    ),
    sl: fc.option(fc.integer({ min: -5, max: 600 })),
    tp: fc.option(fc.integer({ min: -5, max: 600 })),
    clientOrder: fc.option(fc.integer({ min: 0, max: 30 })),
  })
  .map(
    (o) => new Open(o.account, o.market, o.side, o.margin, o.leverage, o.sl, o.tp, o.clientOrder),
  );
const closeArb = fc
  .record({ pick: fc.nat(), wrong: fc.boolean(), onlyOpen: fc.boolean() })
  .map((c) => new Close(c.pick, c.wrong && !c.onlyOpen, c.onlyOpen));
const tickArb = fc
  .record({
    market: fc.integer({ min: 0, max: 2 }),
    move: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -400, max: 400 })),
    spread: fc.integer({ min: 0, max: 60 }),
    dt: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 2000 }), weight: 12 },
      { arbitrary: fc.constant(12_000), weight: 1 },
    ),
  })
  .map((t) => new Tick(t.market, t.move, t.spread, t.dt));
const tickAtArb = fc
  .record({
    pick: fc.nat(),
    which: fc.constantFrom(
      "liquidation" as const,
      "stopLoss" as const,
      "takeProfit" as const,
      "trailingStop" as const,
    ),
    delta: fc.constantFrom(-1n, 0n, 1n),
    spread: fc.constantFrom(0n, 1n, 1_000_000n),
  })
  .map((t) => new TickAtTrigger(t.pick, t.which, t.delta, t.spread));
const optionalLevel = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -5, max: 300 }),
);
const modifyArb = fc
  .record({
    pick: fc.nat(),
    sl: optionalLevel,
    tp: optionalLevel,
    trail: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 150 })),
    wrong: fc.boolean(),
  })
  .map((c) => new Modify(c.pick, c.sl, c.tp, c.trail, c.wrong && c.pick % 5 === 0));
const partialArb = fc
  .record({
    pick: fc.nat(),
    permille: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.constantFrom(0, 1000, 1001)),
  })
  .map((c) => new PartialClose(c.pick, c.permille));
const closeAllArb = fc
  .record({
    account: fc.nat(),
    market: fc.option(fc.integer({ min: 0, max: 2 })),
    side: fc.option(fc.constantFrom("long" as const, "short" as const)),
    filter: fc.constantFrom("all" as const, "profitable" as const, "losing" as const),
  })
  .map((c) => new CloseAll(c.account, c.market, c.side, c.filter));
const placeOrderArb = fc
  .record({
    account: fc.nat(),
    market: fc.integer({ min: 0, max: 2 }),
    side: fc.constantFrom("long" as const, "short" as const),
    orderType: fc.constantFrom("limit" as const, "stop" as const),
    permille: fc.integer({ min: -3, max: 40 }),
    margin: fc.oneof(fc.bigInt({ min: 1n, max: 300_000n }), fc.bigInt({ min: 1n, max: 1_100_000n })),
    leverage: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(1, 10, 100, 0)),
    sl: fc.option(fc.integer({ min: -5, max: 300 })),
    tp: fc.option(fc.integer({ min: -5, max: 300 })),
    expiresIn: fc.option(fc.integer({ min: -10, max: 8_000 })),
  })
  .map(
    (o) =>
      new PlaceOrder(o.account, o.market, o.side, o.orderType, o.permille, o.margin, o.leverage, o.sl, o.tp, o.expiresIn),
  );
const cancelOrModifyArb = fc
  .record({
    pick: fc.nat(),
    cancel: fc.boolean(),
    wrong: fc.boolean(),
    permille: fc.integer({ min: -30, max: 30 }),
    expiresIn: fc.option(fc.integer({ min: -10, max: 8_000 })),
  })
  .map((c) => new CancelOrModifyOrder(c.pick, c.cancel, c.wrong, c.permille, c.expiresIn));
const clockArb = fc.integer({ min: 0, max: 3_000 }).map((dt) => new Clock(dt));
const resetArb = fc.nat().map((account) => new Reset(account));
const alertArb = fc
  .record({
    account: fc.nat(),
    market: fc.integer({ min: 0, max: 2 }),
    condition: fc.constantFrom("above" as const, "below" as const),
    permille: fc.integer({ min: -30, max: 30 }),
  })
  .map((a) => new PlaceAlert(a.account, a.market, a.condition, a.permille));
// fc.commands picks uniformly among these: repeats weight opens and ticks.
const commandArbs = [
  fc.constant(new CreateAccount()),
  openArb,
  openArb,
  openArb,
  openArb,
  closeArb,
  tickArb,
  tickArb,
  tickArb,
  tickAtArb,
  tickAtArb,
  modifyArb,
  modifyArb,
  modifyArb,
  partialArb,
  closeAllArb,
  placeOrderArb,
  placeOrderArb,
  placeOrderArb,
  cancelOrModifyArb,
  clockArb,
  resetArb,
  alertArb,
  fc.constant(new SnapshotRestore()),
];

function freshReal(kind: TriggerIndexKind): Real {
  return {
    engine: createEngine(config, { triggerIndex: kind }),
    kind,
    reportedLiq: new Map(),
    log: [],
    outputs: [],
  };
}

function setupModel(real: Real): Model {
  const model: Model = { accounts: 0, orders: 0, positions: [], time: 1_700_000_000_000, mid: [...START_MID] };
  // Every market starts with a quote so opens are not all PRICE_UNAVAILABLE.
  SYMBOLS.forEach((_s, i) => new Tick(i, 0, 10, 0).run(model, real));
  return model;
}

const NUM_RUNS = 100;

const MAX_COMMANDS = 400;

describe.each(["indexed", "scan"] as const)("engine model-based properties (%s)", (kind) => {
  it("conservation, no negative balance, nothing open past liquidation, exact liquidation price, restore == live", () => {
    fc.assert(
      fc.property(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: "max" }), (cmds) => {
        const real = freshReal(kind);
        fc.modelRun(() => ({ model: setupModel(real), real }), cmds);
      }),
      { numRuns: NUM_RUNS },
    );
  }, 60_000);
});

afterAll(() => {
  console.log("model-based coverage", COVERAGE);
  for (const [what, count] of Object.entries(COVERAGE)) expect(count, what).toBeGreaterThan(20);
});

describe("determinism", () => {
  it("the same command log should give the same results, events and hash, with either trigger finder", () => {
    fc.assert(
      fc.property(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: "max" }), (cmds) => {
        const real = freshReal("indexed");
        fc.modelRun(() => ({ model: setupModel(real), real }), cmds);
        for (const kind of ["indexed", "scan"] as const) {
          const replay = freshReal(kind);
          for (const command of real.log) exec(replay, command);
          // SnapshotRestore is not a command, so the replay never restored: live == restored too.
          expect(replay.outputs).toEqual(real.outputs);
          expect(replay.engine.stateHash()).toBe(real.engine.stateHash());
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
