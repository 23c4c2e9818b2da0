import "server-only";
// Decision groups: users who would get the same answer share one provider call per tick.
// Group = (symbol, risk level, custom-prompt hash, provider/model).
import { createHash } from "node:crypto";
import { and, eq, isNotNull, ne } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings, users } from "@/db/schema";
import { billingEnabled } from "@/lib/billing/config";
import { getPlan } from "@/lib/billing/plans";
import type { RiskLevel } from "./build-prompt";

export interface DecisionGroup {
  key: string;
  riskLevel: RiskLevel;
  customPrompt: string | null;
  promptHash: string | null;
  /** Users with auto-trading on in this group (ids only). */
  userIds: number[];
}

/** Short hash of a custom prompt (null for the default prompt). */
export function promptHash(customPrompt: string | null | undefined): string | null {
  const text = customPrompt?.trim();
  return text ? createHash("sha256").update(text).digest("hex").slice(0, 16) : null;
}

/** The group key for these parameters (stable, 32 hex chars). */
export function groupKey(
  symbol: string,
  riskLevel: RiskLevel,
  hash: string | null,
  providerModel: string,
): string {
  return createHash("sha256")
    .update(`${symbol}|${riskLevel}|${hash ?? "default"}|${providerModel}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * Eligible users of a symbol grouped for this tick: auto-trade on, per-user kill switch off, not following
 * their own signals only, user active and an active account selected (a live account whose plan no longer allows live trading still gets `close`). The
 * default group (medium, default prompt) is always present, first, so every tick has a reference decision;
 * with the built-in strategy the low and high default groups are too.
 */
export async function loadDecisionGroups(symbol: string, providerModel: string): Promise<DecisionGroup[]> {
  const rows = await db
    .select({
      userId: tradingSettings.userId,
      riskLevel: tradingSettings.riskLevel,
      customPrompt: tradingSettings.customPrompt,
      plan: users.plan,
      exchange: exchangeAccounts.exchange,
    })
    .from(tradingSettings)
    .innerJoin(users, eq(users.id, tradingSettings.userId))
    .innerJoin(exchangeAccounts, eq(exchangeAccounts.id, tradingSettings.exchangeAccountId))
    .where(
      and(
        eq(tradingSettings.symbol, symbol),
        eq(tradingSettings.autoTrade, true),
        eq(tradingSettings.killSwitch, false),
        // Signals-only users follow their own webhooks on this symbol, not the shared decisions.
        ne(tradingSettings.followMode, "signals"),
        isNotNull(tradingSettings.exchangeAccountId),
        eq(users.status, "active"),
        eq(exchangeAccounts.status, "active"),
        eq(exchangeAccounts.userId, tradingSettings.userId),
      ),
    );
  const billing = billingEnabled();
  const groups = new Map<string, DecisionGroup>();
  const add = (riskLevel: RiskLevel, customPrompt: string | null, userId?: number) => {
    const hash = promptHash(customPrompt);
    const key = groupKey(symbol, riskLevel, hash, providerModel);
    const group = groups.get(key) ?? {
      key,
      riskLevel,
      customPrompt: hash ? customPrompt!.trim() : null,
      promptHash: hash,
      userIds: [],
    };
    if (userId !== undefined) group.userIds.push(userId);
    groups.set(key, group);
  };
  // The default group of every risk level runs when decisions are free (built-in strategy): the public track
  // record follows each of them. With an LLM only the medium one is forced (the others run when someone uses them).
  add("medium", null);
  if (providerModel.startsWith("builtin/")) {
    add("low", null);
    add("high", null);
  }
  for (const row of rows) {
    // A live account on a plan without live trading (a cancelled subscription) stays in: its `close` decisions
    // still execute; execute skips its new entries with the reason.
    const plan = billing ? getPlan(row.plan) : getPlan("elite");
    add(row.riskLevel, plan.customPrompt ? row.customPrompt : null, row.userId);
  }
  return [...groups.values()];
}
