// Kline query validation and interval aggregation (derived from 1m, aligned to UTC boundaries).
import { describe, expect, it } from "vitest";
import { klineQuerySchema } from "@/lib/market/kline-query";
import { aggregate } from "@/lib/market/series";
import { foldLive } from "@/components/market/fold-live";
import type { Candle } from "@/lib/market/types";

const schema = klineQuerySchema(["BTCUSDT", "ETHUSDT"]);
const issuePath = (q: Record<string, string>) => {
  const r = schema.safeParse(q);
  return r.success ? null : r.error.issues.map((i) => i.path.join("."));
};

describe("kline query", () => {
  it("accepts known symbols, the four intervals and counts 1–5000 (default 1m, 300)", () => {
    expect(schema.parse({ symbol: "btcusdt" })).toEqual({ symbol: "BTCUSDT", interval: "1m", count: 300 });
    for (const interval of ["1m", "5m", "15m", "1h"]) {
      expect(schema.parse({ symbol: "ETHUSDT", interval, count: "5000" }).interval).toBe(interval);
    }
    expect(schema.parse({ symbol: "BTCUSDT", count: "1" }).count).toBe(1);
  });

  it("names the bad parameter", () => {
    expect(issuePath({ symbol: "DOGEUSDT" })).toEqual(["symbol"]);
    expect(issuePath({})).toEqual(["symbol"]);
    expect(issuePath({ symbol: "BTCUSDT", interval: "2m" })).toEqual(["interval"]);
    for (const count of ["0", "5001", "1.5", "abc", "-3"]) {
      expect(issuePath({ symbol: "BTCUSDT", count })).toEqual(["count"]);
    }
  });
});

const m = (t: number, o: number, h: number, l: number, c: number, v: number): Candle => ({
  t,
  o,
  h,
  l,
  c,
  v,
});
const MIN = 60_000;

describe("aggregate", () => {
  it("builds 5m bars aligned to UTC boundaries from 1m candles", () => {
    const base = Date.UTC(2026, 0, 1, 0, 3);
    const ones = Array.from({ length: 8 }, (_, i) => m(base + i * MIN, 10 + i, 20 + i, 5 + i, 11 + i, 1));
    const bars = aggregate(ones, "5m");
    expect(bars.map((b) => new Date(b.t).toISOString())).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:05:00.000Z",
      "2026-01-01T00:10:00.000Z",
    ]);
    expect(bars[1]).toEqual(m(Date.UTC(2026, 0, 1, 0, 5), 12, 26, 7, 17, 5));
  });
});

describe("foldLive", () => {
  it("folds live 1m updates into the forming 5m bar without double-counting the snapshot's minute", () => {
    const t0 = Date.UTC(2026, 0, 1, 0, 0);
    const bars = [m(t0, 100, 110, 90, 105, 10)]; // 00:00–00:02 so far; 00:02 was at v=2 in the snapshot
    const last1m = m(t0 + 2 * MIN, 104, 106, 103, 105, 2);
    const live = new Map([
      [t0 + 2 * MIN, m(t0 + 2 * MIN, 104, 112, 103, 111, 3)],
      [t0 + 3 * MIN, m(t0 + 3 * MIN, 111, 111, 85, 86, 4)],
      [t0 + 5 * MIN, m(t0 + 5 * MIN, 86, 87, 86, 87, 1)],
    ]);
    const out = foldLive(bars, last1m, live, "5m", 300);
    expect(out).toEqual([m(t0, 100, 112, 85, 86, 15), m(t0 + 5 * MIN, 86, 87, 86, 87, 1)]);
  });
});
