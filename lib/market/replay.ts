// The replay clock: maps wall-clock time to a re-timed candle of the bundled data, deterministically, so any
// worker holding the same anchor produces exactly the same series (a standby continues without gap or duplicate).
import type { Candle } from "./types";

const MINUTE = 60_000;

/** Closed candles written as history before the replay's first live minute. */
export const REPLAY_HISTORY = 5_000;

/** Where a replay started: the wall-clock ms it began, and its speed factor. Stored in Redis (see feed). */
export interface ReplayAnchor {
  start: number;
  speed: number;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The real candles, looped forever: loop L is scaled by (lastClose / firstOpen)^L so prices never jump. */
export class ReplayData {
  private readonly ratio: number;

  constructor(private readonly rows: Candle[]) {
    if (rows.length < 2) throw new Error("replay data needs at least two candles");
    this.ratio = rows[rows.length - 1]!.c / rows[0]!.o;
  }

  /** Number of candles in one loop. */
  get length(): number {
    return this.rows.length;
  }

  /** The k-th candle of the endless replay (k ≥ 0), prices scaled for its loop, with open time `t`. */
  candle(k: number, t: number): Candle {
    const n = this.rows.length;
    const loop = Math.floor(k / n);
    const row = this.rows[((k % n) + n) % n]!;
    const s = this.ratio ** loop;
    return {
      t,
      o: round(row.o * s, 2),
      h: round(row.h * s, 2),
      l: round(row.l * s, 2),
      c: round(row.c * s, 2),
      v: row.v,
    };
  }
}

/** The forming state of `full` at `frac` (0–1) of its minute: open fixed, close/high/low walk toward the real values. */
export function formingAt(full: Candle, frac: number): Candle {
  const f = Math.min(1, Math.max(0, frac));
  const c = round(full.o + (full.c - full.o) * f, 2);
  const h = round(full.o + (full.h - full.o) * f, 2);
  const l = round(full.o + (full.l - full.o) * f, 2);
  return {
    t: full.t,
    o: full.o,
    h: Math.max(h, full.o, c),
    l: Math.min(l, full.o, c),
    c,
    v: round(full.v * f, 8),
  };
}

/** The minute the replay's history ends at (its first live candle's open time). */
export function replayOrigin(anchor: ReplayAnchor): number {
  return Math.floor(anchor.start / MINUTE) * MINUTE;
}

/** Replay index of the candle forming at wall-clock `now`, and how far into its minute the replay is (0–1). */
export function replayPosition(anchor: ReplayAnchor, now: number): { k: number; frac: number } {
  const origin = replayOrigin(anchor);
  const virtual = anchor.start + Math.max(0, now - anchor.start) * anchor.speed;
  const minutes = (virtual - origin) / MINUTE;
  const whole = Math.floor(minutes);
  return { k: REPLAY_HISTORY + whole, frac: minutes - whole };
}

/** Open time of replay index k. */
export function replayTime(anchor: ReplayAnchor, k: number): number {
  return replayOrigin(anchor) + (k - REPLAY_HISTORY) * MINUTE;
}

/** Replay index of the candle with open time t. */
export function replayIndex(anchor: ReplayAnchor, t: number): number {
  return REPLAY_HISTORY + Math.round((t - replayOrigin(anchor)) / MINUTE);
}

/**
 * The candles to write at `now` given the newest stored open time: every closed candle from the stored one
 * (rewritten final) or from the start of history, then the forming one.
 */
export function replayCandlesAt(
  data: ReplayData,
  anchor: ReplayAnchor,
  now: number,
  newestStored: number | null,
): Candle[] {
  const { k, frac } = replayPosition(anchor, now);
  const first = Math.max(0, k - REPLAY_HISTORY);
  const from =
    newestStored === null ? first : Math.max(first, Math.min(k, replayIndex(anchor, newestStored)));
  const out: Candle[] = [];
  for (let i = from; i < k; i++) out.push(data.candle(i, replayTime(anchor, i)));
  out.push(formingAt(data.candle(k, replayTime(anchor, k)), frac));
  return out;
}

/** Parse the CSV `timestamp,open,high,low,close,volume` (header optional). */
export function parseCandleCsv(text: string): Candle[] {
  const out: Candle[] = [];
  for (const line of text.split("\n")) {
    const parts = line.trim().split(",");
    if (parts.length < 6 || !/^\d+$/.test(parts[0]!)) continue;
    const [t, o, h, l, c, v] = parts.map(Number);
    if ([t, o, h, l, c, v].some((x) => !Number.isFinite(x))) continue;
    out.push({ t: t!, o: o!, h: h!, l: l!, c: c!, v: v! });
  }
  return out;
}
