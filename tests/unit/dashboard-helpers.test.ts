// Pure dashboard helpers: decision → chart marker, marker alignment to bars, live unrealised PnL, countdown.
import { describe, expect, it } from "vitest";
import { alignMarkers } from "@/components/market/align-markers";
import { decisionMarker, toDecisionItem } from "@/components/trading/decision-item";
import { livePnl } from "@/components/trading/position-card";
import { formatCountdown, nextTickAfter } from "@/components/trading/use-countdown";

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const decision = (over: Partial<Parameters<typeof toDecisionItem>[0]> = {}) =>
  toDecisionItem({
    id: 1,
    symbol: "BTCUSDT",
    tickTime: new Date(T0 + 90_000).toISOString(),
    action: "buy",
    confidence: 0.8,
    leverage: 3,
    stopLoss: 0.01,
    takeProfit: 0.02,
    reason: "Uptrend",
    price: 100_000,
    provider: "builtin",
    model: "indicators-v1",
    status: "ok",
    ...over,
  });
const bars = (n: number, stepMs: number) =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i * stepMs, o: 1, h: 1, l: 1, c: 1, v: 1 }));

describe("decision markers", () => {
  it("draws buy below the bar, sell above, close as a circle, and nothing for hold", () => {
    expect(decisionMarker(decision())).toMatchObject({ position: "belowBar", shape: "arrowUp", text: "B" });
    expect(decisionMarker(decision({ action: "sell" }))).toMatchObject({
      position: "aboveBar",
      shape: "arrowDown",
      text: "S",
    });
    expect(decisionMarker(decision({ action: "close" }))).toMatchObject({ shape: "circle", text: "C" });
    expect(decisionMarker(decision({ action: "hold" }))).toBeNull();
    expect(decisionMarker(decision())!.label).toBe("buy at 12:01 UTC, confidence 80%");
  });

  it("accepts stream payloads with tickTime in ms", () => {
    expect(decision({ tickTime: T0 }).tickTime).toBe(T0);
    expect(decision().tickTime).toBe(T0 + 90_000);
  });

  it("floors markers to the shown interval and keeps them on bars", () => {
    const m = decisionMarker(decision())!; // 12:01:30
    expect(alignMarkers([m], "BTCUSDT", 60_000, bars(10, 60_000))[0]!.time).toBe(T0 + 60_000);
    expect(alignMarkers([m], "BTCUSDT", 300_000, bars(10, 300_000))[0]!.time).toBe(T0);
    // Another symbol's marker, or one before the first bar, is not drawn; one after the last bar sits on it.
    expect(alignMarkers([m], "ETHUSDT", 60_000, bars(10, 60_000))).toEqual([]);
    expect(alignMarkers([{ ...m, time: T0 - 120_000 }], "BTCUSDT", 60_000, bars(10, 60_000))).toEqual([]);
    expect(alignMarkers([{ ...m, time: T0 + 3_600_000 }], "BTCUSDT", 60_000, bars(10, 60_000))[0]!.time).toBe(
      T0 + 9 * 60_000,
    );
    expect(alignMarkers([m], "BTCUSDT", 60_000, [])).toEqual([]);
  });
});

describe("live unrealised PnL", () => {
  it("is (price − entry) × qty for a long and (entry − price) × qty for a short", () => {
    expect(livePnl({ side: "long", qty: 0.5, entryPrice: 100_000 }, 101_000)).toBe(500);
    expect(livePnl({ side: "short", qty: 0.5, entryPrice: 100_000 }, 101_000)).toBe(-500);
    expect(livePnl({ side: "short", qty: 2, entryPrice: 100 }, 90)).toBe(20);
  });
});

describe("countdown", () => {
  it("rolls over to the following tick once the known one has passed", () => {
    const tick = T0 + 300_000;
    expect(nextTickAfter(T0 + 1_000, tick, 300_000)).toBe(tick);
    expect(nextTickAfter(tick, tick, 300_000)).toBe(tick + 300_000);
    expect(nextTickAfter(tick + 299_999, tick, 300_000)).toBe(tick + 300_000);
    expect(nextTickAfter(tick + 300_000, tick, 300_000)).toBe(tick + 600_000);
  });

  it("formats minutes and seconds, and hours past an hour", () => {
    expect(formatCountdown(192_000)).toBe("3:12");
    expect(formatCountdown(4_100)).toBe("0:05");
    expect(formatCountdown(3_723_000)).toBe("1:02:03");
  });
});
