// The prompt for one decision group: symbol, recent closed candles (compact), indicators, risk level, leverage
// cap and, for custom groups, the user's own instructions.
import type { Candle } from "@/lib/market/types";
import type { IndicatorSnapshot } from "./indicators";

import type { RiskLevel } from "@/lib/trading/risk-level";
export type { RiskLevel };

export interface PromptInput {
  symbol: string;
  candles: Candle[];
  indicators: IndicatorSnapshot;
  riskLevel: RiskLevel;
  leverageCap: number;
  customPrompt: string | null;
}

const RISK_GUIDANCE: Record<RiskLevel, string> = {
  low: "Capital preservation first: trade only clear setups, keep leverage low, tight stops.",
  medium: "Balanced: trade confirmed trends, moderate leverage, stops beyond recent noise.",
  high: "Aggressive: trade momentum early, higher leverage allowed, wider targets.",
};

export const SYSTEM_PROMPT = [
  "You are the trading engine of Tickpilot. Every few minutes you decide one action for a USDT-margined",
  "perpetual futures position: buy (go or stay long), sell (go or stay short), close (flatten), or hold.",
  "Answer only with the JSON object of the given schema. confidence is 0..1. leverage is a whole number",
  "no higher than the cap. stop_loss and take_profit are fractions of the entry price (0.01 = 1 %).",
  "reason is one or two sentences a trader can check against the data.",
].join(" ");

const fmt = (n: number, digits = 2) => n.toFixed(digits);

/** The user message: data first, then the group's risk profile and custom instructions. */
export function buildPrompt(input: PromptInput): string {
  const { indicators: ind } = input;
  const rows = input.candles.map(
    (c) =>
      `${new Date(c.t).toISOString().slice(11, 16)},${fmt(c.o)},${fmt(c.h)},${fmt(c.l)},${fmt(c.c)},${fmt(c.v, 3)}`,
  );
  const lines = [
    `Symbol: ${input.symbol} (USDT perpetual). Last ${input.candles.length} closed 1m candles, oldest first.`,
    "time_utc,open,high,low,close,volume",
    ...rows,
    "",
    `Indicators at the last close ${fmt(ind.close)}: EMA20 ${fmt(ind.ema20)}, EMA50 ${fmt(ind.ema50)}, RSI14 ${fmt(ind.rsi14)},`,
    `MACD ${fmt(ind.macd, 3)} signal ${fmt(ind.macdSignal, 3)} histogram ${fmt(ind.macdHistogram, 3)}, ATR14 ${fmt(ind.atr14)}.`,
    "",
    `Risk level: ${input.riskLevel}. ${RISK_GUIDANCE[input.riskLevel]} Leverage cap: ${input.leverageCap}x.`,
  ];
  if (input.customPrompt)
    lines.push(
      "",
      "The account owner's instructions (follow them within the rules above):",
      input.customPrompt,
    );
  return lines.join("\n");
}
