// Tokens per LLM call for the default decision group, measured with the o200k tokenizer (gpt-4o family) over
// every 5-minute tick of the bundled month: system prompt + user message + the structured-output schema.
// Run: npx tsx --conditions=react-server bench/prompt-tokens.ts
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { encode } from "gpt-tokenizer";
import { zodResponseFormat } from "openai/helpers/zod";
import { buildPrompt, systemPrompt } from "@/lib/decision/build-prompt";
import { marketView, volatilityFraction } from "@/lib/decision/market-view";
import { minStopFraction } from "@/lib/decision/sanity";
import { wireDecisionSchema } from "@/lib/decision/schema";
import { parseCandleCsv } from "@/lib/market/replay";

const LOOKBACK = 3120;
const candles = parseCandleCsv(
  gunzipSync(readFileSync("data/binance-btcusdt-1m-2024-12.csv.gz")).toString("utf8"),
);
const costs = { fees: 0.00055, slippage: 0.0002 };
const system = encode(systemPrompt(costs)).length;
const schema = encode(JSON.stringify(zodResponseFormat(wireDecisionSchema, "decision").json_schema)).length;
// Chat framing: a few tokens per message (role markers) plus the reply priming.
const framing = 3 * 2 + 3;
const users: number[] = [];
const chars: number[] = [];
for (let i = LOOKBACK; i < candles.length; i += 5) {
  const closed = candles.slice(i - LOOKBACK, i);
  const view = marketView(closed)!;
  const prompt = buildPrompt({
    symbol: "BTCUSDT",
    tickTime: closed[closed.length - 1]!.t + 60_000,
    view,
    riskLevel: "medium",
    leverageCap: 5,
    minStop: minStopFraction({ roundTripCost: 0.0015, volatility: volatilityFraction(view) }),
    customPrompt: null,
  });
  users.push(encode(prompt).length);
  chars.push(prompt.length);
}
users.sort((a, b) => a - b);
const mean = users.reduce((a, b) => a + b, 0) / users.length;
const total = (u: number) => system + u + schema + framing;
console.log(`ticks measured: ${users.length}`);
console.log(`system prompt: ${system} tokens; schema: ${schema}; framing ≈ ${framing}`);
console.log(
  `user message: mean ${mean.toFixed(0)}, p50 ${users[users.length >> 1]}, max ${users.at(-1)} tokens; ${(chars.reduce((a, b) => a + b, 0) / chars.length).toFixed(0)} chars`,
);
console.log(`input tokens per call: mean ${total(mean).toFixed(0)}, max ${total(users.at(-1)!)}`);
