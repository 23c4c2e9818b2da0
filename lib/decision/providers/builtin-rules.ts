// The built-in strategy's rules on its series (pure): the entry setup at a 5m bar, the stop and target it would
// use, and a replay of its own recent entries (open position, stop-outs) so a decision knows whether to keep
// a position, cool down after a stop-out, or look for a new entry — without any state outside the candles.
import type { RiskLevel } from "../build-prompt";
import type { StrategySeries } from "./builtin-series";

/**
 * What tells the levels apart: how strong the 15m trend must be, how clean its path (the efficiency ratio of the
 * 15m closes over the last 4 hours: net move / path length), and how long a stop-out benches the level.
 */
export const PROFILES: Record<RiskLevel, Profile> = {
  low: { minTrend: 0.004, minEfficiency: 0.4, cooldownBars: 48 },
  medium: { minTrend: 0.003, minEfficiency: 0.4, cooldownBars: 24 },
  high: { minTrend: 0.002, minEfficiency: 0.4, cooldownBars: 12 },
};

/** A level's thresholds: trend strength and path efficiency (fractions), cooldown in 5m bars. */
export interface Profile {
  minTrend: number;
  minEfficiency: number;
  cooldownBars: number;
}

/** The rules' constants (one object, so the strategy doc and the tests can quote them). */
export const RULES = {
  /** Two stop-outs in a row lengthen the cooldown this many times (a choppy market is left alone). */
  streakCooldownMultiple: 3,
  /** A position that reached neither stop nor target in this long is closed: its setup has expired (24 h). */
  maxHoldMs: 24 * 3_600_000,
  /** Stop: at least this many ATRs of the 5m bars and of the 1h bars (beyond the hour's noise), never under
   * the cost/volatility floor. */
  stopAtr5m: 1.5,
  stopAtr1h: 3,
  /** Target = stop × this; an entry also needs the target ≥ `minTargetCosts` round trips. */
  rewardRisk: 2,
  minTargetCosts: 3,
  /** RSI14 (5m) band of an entry in the trend's direction: momentum back, not yet stretched. */
  rsiMin: 50,
  rsiMax: 70,
};

export type Direction = 1 | -1;

/** The condition an entry misses (checked in this order). */
export type Missing = "history" | "weak_trend" | "choppy" | "h1_against" | "m5_trend" | "no_pullback" | "rsi";

// Everything of a setup but the level's trend thresholds, per bar, computed once per view (levels share it).
function baseSetup(s: StrategySeries, j: number): Direction | Missing {
  const hit = s.setupCache[j] as Direction | Missing | undefined;
  if (hit !== undefined) return hit;
  return (s.setupCache[j] = computeBase(s, j));
}

function computeBase(s: StrategySeries, j: number): Direction | Missing {
  const gap = s.gap15m[j];
  const er = s.er15m[j];
  const change = s.change24h[j];
  const f = s.sma20[j];
  const slow = s.sma50[j];
  const pf = s.sma20[j - 1];
  const r = s.rsi[j];
  if (gap == null || er == null || change == null || f == null || slow == null || pf == null || r == null)
    return "history";
  const dir: Direction = gap > 0 ? 1 : -1;
  if (change * dir < 0) return "h1_against";
  if ((f - slow) * dir <= 0) return "m5_trend";
  const crossed = (s.bars[j - 1]!.c - pf) * dir <= 0 && (s.bars[j]!.c - f) * dir > 0;
  if (!crossed) return "no_pullback";
  const strength = dir > 0 ? r : 100 - r;
  if (strength < RULES.rsiMin || strength > RULES.rsiMax) return "rsi";
  return dir;
}

/** Bar `j`'s entry direction for `level`, or what it misses (checked in the order of `Missing`). */
export function setupAt(s: StrategySeries, j: number, level: RiskLevel): Direction | Missing {
  if (j < 1) return "history";
  const base = baseSetup(s, j);
  if (base === "history") return base;
  const p = PROFILES[level];
  if (Math.abs(s.gap15m[j]!) < p.minTrend) return "weak_trend";
  return s.er15m[j]! < p.minEfficiency ? "choppy" : base;
}

/** Whether every series the rules read is known at bar `j` (the replay starts at the first such bar). */
export function known(s: StrategySeries, j: number): boolean {
  return (
    j >= 1 &&
    s.gap15m[j] != null &&
    s.er15m[j] != null &&
    s.change24h[j] != null &&
    s.sma50[j] != null &&
    s.rsi[j] != null &&
    s.atr[j] != null &&
    s.atr1h[j] != null
  );
}

/** Words for a missing condition at bar `j`. */
export function describeMissing(s: StrategySeries, j: number, level: RiskLevel, missing: Missing): string {
  const gap = s.gap15m[j] ?? 0;
  const dir = gap > 0 ? 1 : -1;
  const word = dir > 0 ? "up" : "down";
  switch (missing) {
    case "history":
      return "not enough history for the 15m trend and the 1h day-change";
    case "weak_trend":
      return `15m trend too weak (SMA20 ${pct(gap)} from SMA50; ${level} risk needs ${pct(PROFILES[level].minTrend)})`;
    case "choppy":
      return `15m price path too choppy (efficiency ${(s.er15m[j] ?? 0).toFixed(2)} over 4 h; ${level} risk needs ${PROFILES[level].minEfficiency})`;
    case "h1_against":
      return `the last 24 hours (1h closes, ${pct(s.change24h[j] ?? 0)} ${(s.change24h[j] ?? 0) < 0 ? "down" : "up"}) point against the 15m ${word}trend`;
    case "m5_trend":
      return `5m SMA20 not ${dir > 0 ? "above" : "below"} SMA50 in the 15m ${word}trend`;
    case "no_pullback":
      return `15m ${word}trend, waiting for a pullback to end (a 5m close back ${dir > 0 ? "above" : "below"} SMA20)`;
    default:
      return `RSI14 ${(s.rsi[j] ?? 50).toFixed(1)} outside the ${RULES.rsiMin}-${RULES.rsiMax} entry band`;
  }
}

/** Stop distance (fraction of price) at bar `j`, with `floor` covering costs and noise. */
export function stopAt(s: StrategySeries, j: number, floor: number): number {
  const close = s.bars[j]!.c;
  const atr = Math.max(RULES.stopAtr5m * (s.atr[j] ?? 0), RULES.stopAtr1h * (s.atr1h[j] ?? 0));
  return Math.min(0.1, Math.max(floor, atr / close));
}

/** Whether a position entered at `entryTime` has reached its time limit when the bar opening at `barTime` closes. */
export function expired(pos: { entryTime: number }, barTime: number): boolean {
  return barTime + 5 * 60_000 - pos.entryTime >= RULES.maxHoldMs;
}

/** The strategy's own last entry, replayed on the 5m bars up to the newest one. */
export interface OwnBook {
  open: { dir: Direction; entryTime: number; entry: number; stop: number; target: number } | null;
  /** When the newest stop-out happened and until when the level sits out (bar open times, ms). */
  stoppedAt: number | null;
  coolUntil: number | null;
}

/**
 * Replay the level's entries over every bar whose series are known (about the last 28 h of the 52 h view; every
 * value depends only on its own window of bars, so the replay is the same at every tick): an entry fills at the
 * next bar's open and exits at its stop or target (the stop first when one bar spans both), after 24 h, or when an
 * opposite setup flips it. Positions last at most 24 h, so the replay always sees the one open now and the
 * stop-outs that still bench the level. `floorAt(j)` is the cost/volatility stop floor at bar j.
 */
export function replayOwnBook(s: StrategySeries, level: RiskLevel, floorAt: (j: number) => number): OwnBook {
  const last = s.bars.length - 1;
  const bar = 5 * 60_000;
  const book: OwnBook = { open: null, stoppedAt: null, coolUntil: null };
  let streak = 0;
  let first = 0;
  while (first <= last && !known(s, first)) first++;
  for (let j = first; j <= last; j++) {
    const b = s.bars[j]!;
    const pos = book.open;
    if (pos && b.t >= pos.entryTime) {
      const stopHit = pos.dir > 0 ? b.l <= pos.stop : b.h >= pos.stop;
      const targetHit = pos.dir > 0 ? b.h >= pos.target : b.l <= pos.target;
      if (stopHit) {
        streak += 1;
        book.open = null;
        book.stoppedAt = b.t;
        const bars = PROFILES[level].cooldownBars * (streak >= 2 ? RULES.streakCooldownMultiple : 1);
        book.coolUntil = b.t + (bars + 1) * bar;
      } else if (targetHit) {
        streak = 0;
        book.open = null;
      }
    }
    if (j === last) break;
    if (book.open && expired(book.open, s.bars[j]!.t)) book.open = null;
    if (book.coolUntil !== null && s.bars[j + 1]!.t < book.coolUntil) continue;
    const dir = setupAt(s, j, level);
    if (typeof dir === "string" || book.open?.dir === dir) continue;
    const entry = s.bars[j + 1]!.o;
    const stop = stopAt(s, j, floorAt(j));
    book.open = {
      dir,
      entryTime: s.bars[j + 1]!.t,
      entry,
      stop: entry * (1 - dir * stop),
      target: entry * (1 + dir * stop * RULES.rewardRisk),
    };
  }
  return book;
}

const pct = (x: number) => `${(Math.abs(x) * 100).toFixed(2)} %`;
