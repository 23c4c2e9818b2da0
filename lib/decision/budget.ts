import "server-only";
// LLM economics: tokens spent today (an indexed read), the daily token budget in force — the admin's, the
// env's, or one derived from the configured symbols, groups and ticks per day with headroom — and the price
// table every cost figure uses.
import { gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { getSystemSetting } from "@/lib/system/settings";
import { DEFAULT_MODEL_PRICES, type ModelPrice, type ModelPrices } from "./prices";

/** Tokens one call is budgeted at: about 710 prompt tokens and 100 answer tokens, with margin. */
export const TOKENS_PER_CALL_ESTIMATE = 1_200;
/** The derived budget covers this multiple of the expected use. */
export const BUDGET_HEADROOM = 1.5;
/** Decision groups per symbol assumed before any tick has run: one per risk level. */
export const BASE_GROUPS_PER_SYMBOL = 3;
/** Share of the budget at which the admin console and the metrics warn. */
export const BUDGET_WARN_AT = 0.8;

/** 00:00 UTC of the day of `now`. */
export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Prompt + completion tokens recorded since 00:00 UTC, all symbols (range read on decisions_created_idx). */
export async function tokensToday(now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`COALESCE(SUM(${decisions.promptTokens} + ${decisions.completionTokens}), 0)` })
    .from(decisions)
    .where(gte(decisions.createdAt, startOfUtcDay(now)));
  return Number(row?.n ?? 0);
}

const groupsKey = (symbol: string) => rkey(`decide:groups:${symbol}`);

/** Remember how many groups a symbol's last tick had (the derived budget scales with it). */
export async function recordGroupCount(symbol: string, groups: number): Promise<void> {
  await redis().set(groupsKey(symbol), String(groups), "EX", 7 * 86_400);
}

export interface BudgetInForce {
  tokens: number;
  source: "admin" | "env" | "derived";
  /** How a derived budget was computed (for the admin console). */
  formula: string | null;
}

/** The budget derived from symbols × groups × ticks per day × tokens per call × headroom. */
export async function derivedBudget(intervalMs: number): Promise<{ tokens: number; formula: string }> {
  const counts = await Promise.all(
    env.MARKET_SYMBOLS.map(async (s) => Number((await redis().get(groupsKey(s))) ?? 0)),
  );
  const groups = counts.reduce((sum, n) => sum + Math.max(BASE_GROUPS_PER_SYMBOL, n), 0);
  const ticks = Math.ceil(86_400_000 / intervalMs);
  const tokens = Math.ceil(groups * ticks * TOKENS_PER_CALL_ESTIMATE * BUDGET_HEADROOM);
  return {
    tokens,
    formula: `${groups} groups × ${ticks} ticks/day × ${TOKENS_PER_CALL_ESTIMATE} tokens × ${BUDGET_HEADROOM} headroom`,
  };
}

/** The daily token budget in force: the admin's setting, else DAILY_TOKEN_BUDGET, else derived. */
export async function tokenBudget(intervalMs: number): Promise<BudgetInForce> {
  const admin = await getSystemSetting("dailyTokenBudget");
  if (admin !== null) return { tokens: admin, source: "admin", formula: null };
  if (env.DAILY_TOKEN_BUDGET !== undefined)
    return { tokens: env.DAILY_TOKEN_BUDGET, source: "env", formula: null };
  const derived = await derivedBudget(intervalMs);
  return { tokens: derived.tokens, source: "derived", formula: derived.formula };
}

/** The price table in force (the admin's, else the built-in list prices). */
export async function modelPrices(): Promise<ModelPrices> {
  return (await getSystemSetting("modelPrices")) ?? DEFAULT_MODEL_PRICES;
}

/** Prices for a model missing from the table: OPENAI_PRICE_* (cached input at the input price). */
export function fallbackPrice(): ModelPrice {
  return {
    input: env.OPENAI_PRICE_INPUT_PER_MTOK,
    cachedInput: env.OPENAI_PRICE_INPUT_PER_MTOK,
    output: env.OPENAI_PRICE_OUTPUT_PER_MTOK,
  };
}
