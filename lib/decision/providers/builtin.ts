// The built-in strategy (no LLM), built to preserve capital: it trades pullbacks in the direction of the derived
// 15m trend (the 1h trend must not disagree), with a stop from the 5m and 15m ATR above the cost floor, a
// target of twice the stop (at least three round trips), 1x leverage, and one position at a time. It replays
// its own recent entries from the candles, so it holds while its position is open and sits out after a
// stop-out (longer after two in a row). Deterministic: the same candles give the same decision and reason.
import type { RiskLevel } from "../build-prompt";
import type { MarketView } from "../market-view";
import type { DecisionOutput } from "../schema";
import { strategySeries } from "./builtin-series";
import { describeMissing, expired, PROFILES, replayOwnBook, RULES, setupAt, stopAt } from "./builtin-rules";

/** Leverage of every built-in entry: a position is never larger than the account's equity. */
export const BUILTIN_LEVERAGE = 1;
/** 5m bars needed before the strategy trades (the 1h day-change needs 25 whole hours). */
const MIN_BARS = 300;

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${pct(x)}`;
const price = (x: number) => x.toFixed(x >= 1000 ? 0 : 2);

/**
 * Deterministic decision from the market view: same input, same output. `minStop` is the server's stop floor
 * now, `roundTrip` the cost of a round trip (both fractions of price).
 */
export function builtinDecision(
  view: MarketView,
  riskLevel: RiskLevel,
  leverageCap: number,
  minStop: number,
  roundTrip: number,
): DecisionOutput {
  const leverage = Math.max(1, Math.min(BUILTIN_LEVERAGE, leverageCap));
  const hold = (reason: string): DecisionOutput => ({
    action: "hold",
    confidence: 0.5,
    leverage,
    stop_loss: roundUp(Math.max(minStop, 0.005)),
    take_profit: roundUp(Math.max(minStop, 0.005) * RULES.rewardRisk),
    reason,
  });
  const s = strategySeries(view);
  const last = s.bars.length - 1;
  if (last + 1 < MIN_BARS)
    return hold(
      `Warming up: ${last + 1} whole 5m bars of history, ${MIN_BARS} needed for the trend filters.`,
    );
  const floorAt = (j: number) => Math.max(2 * roundTrip, (s.atr[j] ?? 0) / s.bars[j]!.c);
  const book = replayOwnBook(s, riskLevel, floorAt);
  const setup = setupAt(s, last, riskLevel);
  const open = book.open;
  const side = (dir: number) => (dir > 0 ? "long" : "short");

  if (open && expired(open, s.bars[last]!.t)) {
    return {
      ...hold(""),
      action: "close",
      confidence: 0.7,
      reason: `Closing the ${side(open.dir)} entered at ${hhmm(open.entryTime)} UTC near ${price(open.entry)}: ${RULES.maxHoldMs / 3_600_000} h without reaching its stop (${price(open.stop)}) or target (${price(open.target)}), the setup has expired.`,
    };
  }
  if (open && setup !== -open.dir) {
    return hold(
      `Keeping the ${side(open.dir)} entered at ${hhmm(open.entryTime)} UTC near ${price(open.entry)} (stop ${price(open.stop)}, target ${price(open.target)}): no exit signal.`,
    );
  }
  if (!open && book.coolUntil !== null && s.bars[last]!.t + 5 * 60_000 < book.coolUntil) {
    return hold(
      `Cooling down after the stop-out at ${hhmm(book.stoppedAt!)} UTC: no new ${riskLevel}-risk entry before ${hhmm(book.coolUntil)} UTC (${PROFILES[riskLevel].cooldownBars * 5} min, ×${RULES.streakCooldownMultiple} after two stop-outs in a row).`,
    );
  }
  if (typeof setup === "string") return hold(`No entry: ${describeMissing(s, last, riskLevel, setup)}.`);
  // A setup belongs to the tick right after its 5m bar closed; later ticks inside the next bar (intervals under
  // 5 minutes) do not repeat it.
  if (view.candleTime + 60_000 !== s.bars[last]!.t + 5 * 60_000)
    return hold(
      `Entry setup on the 5m bar of ${hhmm(s.bars[last]!.t)} UTC was for the tick after it closed.`,
    );

  const stop = roundUp(stopAt(s, last, Math.max(minStop, floorAt(last))));
  const target = roundUp(stop * RULES.rewardRisk);
  if (target < RULES.minTargetCosts * roundTrip || target > 0.5)
    return hold(
      `No entry: a ${pct(target)} target is not worth ${RULES.minTargetCosts} round trips of ${pct(roundTrip)}.`,
    );
  const dir = setup;
  const gap15 = s.gap15m[last]!;
  const day = s.change24h[last]!;
  const flip = open ? ` Reverses the ${side(open.dir)} entered at ${hhmm(open.entryTime)} UTC.` : "";
  return {
    action: dir > 0 ? "buy" : "sell",
    confidence: round(Math.min(0.85, 0.6 + (Math.abs(gap15) - PROFILES[riskLevel].minTrend) * 50)),
    leverage,
    stop_loss: stop,
    take_profit: target,
    reason:
      `${dir > 0 ? "Long" : "Short"}: 15m ${dir > 0 ? "uptrend" : "downtrend"} (SMA20 ${signed(gap15)} vs SMA50, efficiency ${s.er15m[last]!.toFixed(2)}; 24 h ${signed(day)}), ` +
      `5m close ${price(s.bars[last]!.c)} back ${dir > 0 ? "above" : "below"} SMA20 ${price(s.sma20[last]!)} after a pullback, RSI14 ${s.rsi[last]!.toFixed(1)}. ` +
      `Stop ${pct(stop)} (beyond ${RULES.stopAtr1h}× the 1h ATR), target ${pct(target)} (${(target / roundTrip).toFixed(1)}× the ${pct(roundTrip)} round trip), ${leverage}x.${flip}`,
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
// Stops and targets round away from the entry, so rounding never takes them under the floor.
const roundUp = (n: number) => Math.ceil(n * 10_000 - 1e-9) / 10_000;
