import { describe, expect, it } from "vitest";
import type { BalancePointRecord } from "../ports";
import { accountStats } from "./account-stats";

const point = (balance: string, reason: BalancePointRecord["reason"] = "close"): BalancePointRecord => ({ accountId: "a", time: 0, balance, reason });

describe("accountStats", () => {
  it("the drawdown should be the largest fall from a previous peak, exactly, as a share of that peak", () => {
    const curve = [point("10000.00", "deposit"), point("10500.00"), point("9450.00"), point("11000.00"), point("10000.01")];
    const stats = accountStats(["500.00", "-1050.00", "1550.00", "-999.99"], curve);
    expect(stats).toMatchObject({ trades: 4, wins: 2, losses: 2, winRate: 50, totalRealizedPnL: 0.01, bestTrade: 1550, worstTrade: -1050 });
    expect(stats.maxDrawdown).toBe(1050);
    expect(stats.maxDrawdownPct).toBe(10); // 1050 / 10500
  });

  it("a reset should start a new curve: its withdrawal is not a drawdown", () => {
    const curve = [point("10000.00", "deposit"), point("12000.00"), point("10000.00", "reset"), point("9900.00")];
    expect(accountStats(["2000.00", "-100.00"], curve)).toMatchObject({ maxDrawdown: 100, maxDrawdownPct: 1 });
  });

  it("a break-even close should count as a trade but neither a win nor a loss; the win rate rounds down", () => {
    expect(accountStats(["0.00", "1.00", "-1.00"], [])).toMatchObject({ trades: 3, wins: 1, losses: 1, winRate: 33.33 });
  });
});
