// The market view builds its 15m and 1h bars from the whole 5m bars: the same buckets and prices as building them
// from the 1m candles, whatever minute the history starts or ends on (real data).
import { describe, expect, it } from "vitest";
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { marketView } from "@/lib/decision/market-view";
import { wholeBars } from "@/lib/market/aggregate";

const ohlc = (bars: { t: number; o: number; h: number; l: number; c: number }[]) =>
  bars.map((b) => [b.t, b.o, b.h, b.l, b.c]);

describe("15m and 1h bars from 5m bars", () => {
  it("equal the bars made from 1m candles for every start and end minute", async () => {
    const { candles } = await loadCandleFile("data/binance-btcusdt-1m-2024-12.csv.gz");
    let checked = 0;
    for (let end = 3_200; end < 3_200 + 120; end += 1) {
      for (const startShift of [0, 1, 4, 7, 14, 59]) {
        const window = candles.slice(end - 3_120 + startShift, end);
        const view = marketView(window)!;
        expect(ohlc(view.closed15m)).toEqual(ohlc(wholeBars(window, "15m")));
        expect(ohlc(view.closed1h)).toEqual(ohlc(wholeBars(window, "1h")));
        expect(ohlc(view.closed5m)).toEqual(ohlc(wholeBars(window, "5m")));
        checked += 1;
      }
    }
    expect(checked).toBe(720);
  });
});
