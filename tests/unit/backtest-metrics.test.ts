// Performance figures against small series worked out by hand.
import { describe, expect, it } from "vitest";
import { computeMetrics, dailyReturns, drawdownCurve, maxDrawdown, sharpe } from "@/lib/backtest/metrics";

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 11, 1);
const pts = (values: number[], step = DAY) => values.map((equity, i) => ({ t: D0 + (i + 1) * step, equity }));

describe("drawdown", () => {
  it("is the largest fall from a running peak, as a share of that peak", () => {
    // peaks 100 → 120; troughs 90 (−10 %) and 84 (−30 % of 120)
    expect(maxDrawdown(pts([100, 90, 120, 84, 130]))).toBeCloseTo(0.3, 12);
    expect(maxDrawdown(pts([100, 101, 102]))).toBe(0);
    expect(drawdownCurve(pts([100, 90, 120, 84])).map((p) => Number(p.equity.toFixed(4)))).toEqual([
      0, -0.1, 0, -0.3,
    ]);
  });
});

describe("daily returns and Sharpe", () => {
  it("takes each UTC day's last equity, the first day against the start", () => {
    // three points on day 1 (the last, 10,100, counts), one on day 2 (9,999), one on day 3 (10,198.98)
    const curve = [
      { t: D0 + 3_600_000, equity: 10_050 },
      { t: D0 + 7_200_000, equity: 9_900 },
      { t: D0 + DAY, equity: 10_100 }, // the close of day 1 (a point at 24:00 belongs to that day)
      { t: D0 + DAY + 60_000, equity: 9_999 },
      { t: D0 + 2 * DAY + 60_000, equity: 10_198.98 },
    ];
    const r = dailyReturns(10_000, curve);
    expect(r.map((x) => Number(x.toFixed(6)))).toEqual([0.01, -0.01, 0.02]);
    // mean 0.006667, sample sd 0.015275 → 0.43644 × √365 = 8.3381
    expect(sharpe(r)!).toBeCloseTo(8.3381, 3);
  });

  it("has no Sharpe for one day or a flat line", () => {
    expect(sharpe([0.01])).toBeNull();
    expect(sharpe([0, 0, 0])).toBeNull();
  });
});

describe("computeMetrics", () => {
  it("matches the hand-worked figures of a two-day run with three trades", () => {
    const m = computeMetrics({
      start: 10_000,
      curve: pts([10_200, 9_900], DAY),
      trades: [
        { pnl: 300, fees: 10 }, // +290
        { pnl: -150, fees: 10 }, // −160
        { pnl: -80, fees: 20 }, // −100
      ],
      feesPaid: 40,
      exposedMinutes: 720,
      minutes: 2_880,
      from: D0,
      to: D0 + 2 * DAY,
      firstPrice: 50_000,
      lastPrice: 55_000,
    });
    expect(m.trades).toBe(3);
    expect(m.winRate).toBeCloseTo(1 / 3, 12);
    expect(m.returnAfterFees).toBeCloseTo(-0.01, 12); // 9,900 / 10,000 − 1
    expect(m.returnBeforeFees).toBeCloseTo(-0.006, 12); // (9,900 + 40) / 10,000 − 1
    expect(m.maxDrawdown).toBeCloseTo(300 / 10_200, 12);
    expect(m.profitFactor).toBeCloseTo(290 / 260, 12);
    expect(m.feesPaid).toBe(40);
    expect(m.exposure).toBe(0.25);
    expect(m.tradesPerDay).toBe(1.5);
    expect(m.buyAndHold).toBeCloseTo(0.1, 12);
    // daily returns +2 % and −2.941176 %: mean −0.470588 %, sd 3.494 % → −0.13468 × √365
    expect(m.sharpe!).toBeCloseTo(-2.5732, 3);
  });

  it("reports no win rate or profit factor without the trades they need", () => {
    const none = computeMetrics({
      start: 10_000,
      curve: [],
      trades: [],
      feesPaid: 0,
      exposedMinutes: 0,
      minutes: 0,
      from: D0,
      to: D0 + DAY,
      firstPrice: 1,
      lastPrice: 1,
    });
    expect(none).toMatchObject({
      trades: 0,
      winRate: null,
      profitFactor: null,
      returnAfterFees: 0,
      maxDrawdown: 0,
    });
    const onlyWins = computeMetrics({
      start: 10_000,
      curve: pts([10_100]),
      trades: [{ pnl: 110, fees: 10 }],
      feesPaid: 10,
      exposedMinutes: 1,
      minutes: 1440,
      from: D0,
      to: D0 + DAY,
      firstPrice: 1,
      lastPrice: 1,
    });
    expect(onlyWins.winRate).toBe(1);
    expect(onlyWins.profitFactor).toBeNull();
  });
});
