import "server-only";
// The decide job: one tick of one symbol. It decides from the candle that closed at the boundary, calls the
// provider once per decision group with bounded concurrency under the tick's time budget, and fans out each
// group's decision as soon as it is stored. A tick that starts after the next one began is abandoned, and every
// group that gets no answer (stale data, budget, safe mode, time budget) is a recorded hold with the cause.
import { env } from "@/lib/env";
import { paperRules } from "@/lib/exchange/paper/book";
import { getLogger } from "@/lib/log";
import { getSystemSettings } from "@/lib/system/settings";
import {
  fallbackPrice,
  modelPrices,
  recordGroupCount,
  tokenBudget,
  tokensToday,
  TOKENS_PER_CALL_ESTIMATE,
} from "./budget";
import { decideGroup, type DecideContext, type GroupOutcome } from "./decide-group";
import { fanOut, markFannedOut, publishDecision } from "./fan-out";
import { frozenGroups } from "./frozen-groups";
import type { DecisionGroup } from "./groups";
import { marketView, MIN_DECISION_CANDLES } from "./market-view";
import { costOf, priceFor } from "./prices";
import { providerConfig, tickIntervalMs } from "./provider-config";
import { recordRecipients } from "./recipients";
import { openaiDecision } from "./providers/openai";
import { notAsked } from "./providers/types";
import { existingDecision, saveDecision } from "./save-decision";
import { holdDecision } from "./schema";
import { getDecisionState, recordProviderOutcome } from "./state";
import { candlesForTick } from "./tick-candles";

const log = getLogger("decide");

export interface TickSummary {
  symbol: string;
  tickTime: number;
  decisions: number;
  providerCalls: number;
  enqueued: number;
  skipped?: string;
  /** Why no group was asked (stale data, abandoned tick), when that was the case. */
  held?: string;
  /** Boundary → decision stored, of the default group and the slowest group (ms). */
  defaultLagMs?: number | null;
  maxLagMs?: number | null;
}

const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);

/** How long a tick may take from its boundary (DECISION_TICK_BUDGET_SECONDS, else 80 % of the interval). */
export function tickBudgetMs(intervalMs: number): number {
  const configured = env.DECISION_TICK_BUDGET_SECONDS ? env.DECISION_TICK_BUDGET_SECONDS * 1000 : 0;
  return configured > 0 ? Math.min(configured, intervalMs) : Math.floor(intervalMs * 0.8);
}

/** Run `fn` over `items` with at most `limit` in flight. */
async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Decide for one symbol at one tick and fan out to eligible users (unless paused or killed). */
export async function runTick(
  symbol: string,
  tickTime: Date,
  now: () => number = Date.now,
): Promise<TickSummary> {
  const T = tickTime.getTime();
  const base = { symbol, tickTime: T, decisions: 0, providerCalls: 0, enqueued: 0 };
  const [settings, interval, cfg] = await Promise.all([
    getSystemSettings(["pausedSymbols", "killSwitch"]),
    tickIntervalMs(),
    providerConfig(),
  ]);
  if (settings.pausedSymbols.includes(symbol)) return { ...base, skipped: "symbol paused" };
  const deadline = T + tickBudgetMs(interval);
  const groups = await frozenGroups(symbol, T, `${cfg.provider}/${cfg.model}`, 2 * interval + 60_000);
  await recordGroupCount(symbol, groups.length);

  // No data for any group: the tick started after the next one began, or the boundary candle never came.
  let held: string | null = null;
  let view = null;
  if (now() >= T + interval) {
    held = `Tick ${hhmmss(T)} UTC started at ${hhmmss(now())} UTC, after the next tick began: abandoned.`;
  } else {
    const data = await candlesForTick(
      symbol,
      T,
      Math.max(0, Math.min(env.DECISION_CANDLE_WAIT_MS, deadline - now())),
    );
    if (!data.fresh) held = data.reason;
    else {
      view = marketView(data.candles);
      if (!view)
        held = `Waiting for market data: ${data.candles.length} closed candles, ${MIN_DECISION_CANDLES} needed.`;
    }
  }

  const llm = cfg.provider === "openai";
  const rules = paperRules();
  const ctx: DecideContext | null = view && {
    symbol,
    tickTime: T,
    view,
    provider: cfg.provider,
    model: cfg.model,
    costs: { fees: rules.takerFee, slippage: rules.slippageBps / 10_000 },
  };
  let safe = llm && !held ? (await getDecisionState(symbol)).safeMode : false;
  let budgetLeft = llm && !held ? (await tokenBudget(interval)).tokens - (await tokensToday()) : Infinity;
  const price = llm ? priceFor(cfg.model, await modelPrices(), fallbackPrice()).price : null;
  let asked = 0;

  const outcomeFor = async (group: DecisionGroup): Promise<GroupOutcome> => {
    const hold = (status: GroupOutcome["status"], reason: string) => ({
      ...notAsked(status, reason, holdDecision),
      prompt: null,
      promptSha: null,
    });
    if (held || !ctx) return hold("skipped", held ?? "No market data.");
    if (now() >= deadline)
      return hold(
        "skipped",
        `The tick's time budget (${Math.round((deadline - T) / 1000)} s) ran out: holding.`,
      );
    if (!llm) return decideGroup(ctx, group, openaiDecision);
    if (budgetLeft <= 0)
      return hold("skipped", "The daily LLM token budget is spent: holding until 00:00 UTC.");
    if (safe && asked > 0)
      return hold(
        "skipped",
        "Safe mode: the decision provider failed several times in a row; holding until a call succeeds.",
      );
    asked += 1;
    budgetLeft -= TOKENS_PER_CALL_ESTIMATE;
    const out = await decideGroup(
      ctx,
      group,
      openaiDecision,
      AbortSignal.timeout(Math.max(1, deadline - now())),
    );
    budgetLeft += TOKENS_PER_CALL_ESTIMATE - (out.usage.prompt + out.usage.completion);
    // Unsafe numbers and refusals are answers: only errors and unreadable answers count toward safe mode.
    const broken = out.status === "failed" || (out.status === "invalid" && !out.error?.startsWith("unsafe"));
    safe = (await recordProviderOutcome(symbol, !broken, out.error)).safeMode;
    if (out.status !== "ok")
      log.warn({ symbol, group: group.key, error: out.error }, "provider gave no decision");
    return out;
  };

  let decisions = 0;
  let enqueued = 0;
  const lags: number[] = [];
  const runGroup = async (group: DecisionGroup) => {
    let decision = await existingDecision(symbol, tickTime, group.key);
    if (!decision) {
      const out = await outcomeFor(group);
      const d = out.decision;
      const lag = now() - T;
      decision = await saveDecision({
        symbol,
        tickTime,
        groupKey: group.key,
        riskLevel: group.riskLevel,
        promptHash: group.promptHash,
        provider: cfg.provider,
        model: cfg.model,
        action: d.action,
        confidence: d.confidence,
        leverage: d.leverage,
        stopLoss: d.stop_loss,
        takeProfit: d.take_profit,
        reason: d.reason,
        price: view?.close ?? null,
        candleTime: view ? new Date(view.candleTime) : null,
        status: out.status,
        error: out.error,
        prompt: out.prompt,
        promptSha: out.promptSha,
        rawResponse: out.raw,
        promptTokens: out.usage.prompt,
        cachedTokens: out.usage.cached,
        completionTokens: out.usage.completion,
        costUsd: price ? costOf(out.usage, price) : 0,
        latencyMs: out.latencyMs,
        lagMs: lag >= 0 ? lag : null,
        expiresAt: new Date(T + interval),
      });
      if (lag >= 0) lags.push(lag);
    }
    decisions += 1;
    // Who the decision was for (the history and the trade log's holds), written alongside the fan-out so it adds
    // no time before the orders go out. (Read the count after the await: `enqueued += await …` would add to a
    // stale value across lanes.)
    const [offered] = await Promise.all([
      settings.killSwitch ? 0 : fanOut(decision, group.userIds),
      recordRecipients(decision, group.userIds, settings.killSwitch),
    ]);
    enqueued += offered;
    // Marked even when killed: the sweeper must not fan a killed tick out later.
    if (decision.action !== "hold") await markFannedOut(decision.id, 2 * interval);
    await publishDecision(decision, group.userIds);
  };

  // The default group goes first and alone: it is the reference every dashboard shows, its orders go out at
  // once, and in safe mode it is the one probe call. The rest run with bounded concurrency.
  const [first, ...rest] = groups;
  if (first) await runGroup(first);
  const defaultLagMs = lags[0] ?? null;
  await forEachLimit(rest, env.DECISION_CONCURRENCY, runGroup);
  const summary: TickSummary = {
    ...base,
    decisions,
    providerCalls: asked,
    enqueued,
    ...(held ? { held } : {}),
    defaultLagMs,
    maxLagMs: lags.length ? Math.max(...lags) : null,
  };
  log.info({ ...summary, killed: settings.killSwitch }, "tick done");
  return summary;
}
