// LLM prices per model (USD per 1M tokens: input, cached input, output), used for every cost figure: the cost
// recorded per decision, the admin spend card and the metrics. The admin can edit the table (system setting
// `modelPrices`); a model missing from it falls back to OPENAI_PRICE_* and is flagged on the status page.
import { z } from "zod";

export const modelPriceSchema = z.object({
  input: z.number().min(0).max(1000),
  cachedInput: z.number().min(0).max(1000),
  output: z.number().min(0).max(1000),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** The price table as stored: model name → prices. */
export const modelPricesSchema = z.record(z.string().min(1).max(64), modelPriceSchema);
export type ModelPrices = z.infer<typeof modelPricesSchema>;

/** OpenAI list prices (USD / 1M tokens) for the models people are likely to configure. */
export const DEFAULT_MODEL_PRICES: ModelPrices = {
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4 },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
};

/** Token counts of one call. `cached` is the part of `prompt` the provider served from its prompt cache. */
export interface TokenUsage {
  prompt: number;
  cached: number;
  completion: number;
}

/** The price of a model: the table's entry, else the fallback (flagged as such). */
export function priceFor(
  model: string,
  table: ModelPrices,
  fallback: ModelPrice,
): { price: ModelPrice; known: boolean } {
  const price = table[model];
  return price ? { price, known: true } : { price: fallback, known: false };
}

/** USD cost of one call at these prices (6 decimals). */
export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cached, usage.prompt);
  const usd =
    ((usage.prompt - cached) * price.input + cached * price.cachedInput + usage.completion * price.output) /
    1e6;
  return Math.round(usd * 1e6) / 1e6;
}
