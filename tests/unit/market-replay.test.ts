// Replay re-timing and looping on the bundled real data: history ends at the start minute, one candle a minute
// (× speed), the forming candle walks toward the real one, and loops continue from the last close.
import { describe, expect, it } from "vitest";
import { loadReplayData } from "@/lib/market/load-replay-data";
import {
  formingAt,
  REPLAY_HISTORY,
  replayCandlesAt,
  replayPosition,
  ReplayData,
  type ReplayAnchor,
} from "@/lib/market/replay";

const MIN = 60_000;
const data = loadReplayData();
const start = Date.UTC(2026, 10, 21, 12, 0, 30); // 30 s into a minute
const anchor: ReplayAnchor = { start, speed: 1 };

describe("replay re-timing", () => {
  it("loads the bundled December 2024 BTCUSDT file", () => {
    expect(data.length).toBe(41_761);
    expect(data.candle(0, 0).o).toBe(96466.11);
  });

  it("writes 5,000 closed candles ending at the start minute, then the forming one", () => {
    const out = replayCandlesAt(data, anchor, start, null);
    expect(out).toHaveLength(REPLAY_HISTORY + 1);
    const minute = Date.UTC(2026, 10, 21, 12, 0);
    expect(out.at(-1)!.t).toBe(minute);
    expect(out[0]!.t).toBe(minute - REPLAY_HISTORY * MIN);
    for (let i = 1; i < out.length; i++) expect(out[i]!.t - out[i - 1]!.t).toBe(MIN);
    // The closed history is the real data in order.
    expect(out[0]).toMatchObject({ o: 96466.11, h: 96495.52, l: 96440, c: 96440, v: 6.6158 });
  });

  it("advances one candle a minute in real time and updates the forming candle within the minute", () => {
    const minute = Date.UTC(2026, 10, 21, 12, 0);
    expect(replayPosition(anchor, start)).toEqual({ k: REPLAY_HISTORY, frac: 0.5 });
    const later = replayCandlesAt(data, anchor, start + 45_000, minute);
    // The 12:00 candle is now closed (its real values), and 12:01 is forming 15 s in.
    expect(later.map((c) => c.t)).toEqual([minute, minute + MIN]);
    expect(later[0]).toEqual(data.candle(REPLAY_HISTORY, minute));
    const real = data.candle(REPLAY_HISTORY + 1, minute + MIN);
    expect(later[1]).toEqual(formingAt(real, 0.25));
    expect(later[1]!.o).toBe(real.o);
  });

  it("runs faster with a speed factor (60 = one candle a second)", () => {
    const fast: ReplayAnchor = { start, speed: 60 };
    expect(replayPosition(fast, start + 10_000).k).toBe(REPLAY_HISTORY + 10);
  });

  it("is deterministic: any process computes the same candles for the same anchor and time", () => {
    const a = replayCandlesAt(data, anchor, start + 3 * MIN + 7_000, null);
    const b = replayCandlesAt(loadReplayData(), { ...anchor }, start + 3 * MIN + 7_000, null);
    expect(b).toEqual(a);
  });

  it("keeps the forming candle consistent: low ≤ open, close ≤ high, and equal to the real candle at the end", () => {
    const real = data.candle(1234, 0);
    for (const f of [0, 0.1, 0.5, 0.9]) {
      const c = formingAt(real, f);
      expect(c.l).toBeLessThanOrEqual(Math.min(c.o, c.c));
      expect(c.h).toBeGreaterThanOrEqual(Math.max(c.o, c.c));
    }
    expect(formingAt(real, 1)).toEqual(real);
  });
});

describe("replay looping", () => {
  it("continues from the last close with compounding scale, so prices never jump", () => {
    const rows = [
      { t: 0, o: 100, h: 110, l: 95, c: 105, v: 1 },
      { t: 60_000, o: 105, h: 125, l: 104, c: 120, v: 2 },
    ];
    const small = new ReplayData(rows);
    // Loop 1 starts where loop 0 ended (120) and is scaled by 1.2; loop 2 by 1.44.
    expect(small.candle(2, 0)).toMatchObject({ o: 120, h: 132, l: 114, c: 126, v: 1 });
    expect(small.candle(3, 0).c).toBe(144);
    expect(small.candle(4, 0).o).toBe(144);
  });

  it("loops the real data seamlessly", () => {
    const n = data.length;
    for (const loop of [1, 2, 3]) {
      const lastOfPrev = data.candle(loop * n - 1, 0);
      const firstOfNext = data.candle(loop * n, 0);
      expect(Math.abs(firstOfNext.o - lastOfPrev.c)).toBeLessThanOrEqual(0.01);
    }
  });
});
