import "server-only";
// POST /api/signals/<token>: one alert from a user's signal source. Known source → per-source rate limit → parse →
// symbol, plan, follow mode and the execute job's own guards → sanity bounds → claimed once (unique per source:
// the alert's id, or the payload hash within a minute) → a decision for this user alone, fanned out to them by
// the same execute job as a shared decision. Rejections are stored with the reason; the token is never logged.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  decisions,
  signalClaims,
  signalSources,
  signals,
  type NewSignal,
  type SignalSource,
} from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/api/errors";
import { isDuplicateKey } from "@/lib/auth/register";
import { hit, rateLimitedError } from "@/lib/auth/rate-limit";
import { fanOut, markFannedOut, publishDecision } from "@/lib/decision/fan-out";
import { recordRecipients } from "@/lib/decision/recipients";
import { marketView, volatilityFraction } from "@/lib/decision/market-view";
import { roundTrip } from "@/lib/decision/decide-group";
import { tickIntervalMs } from "@/lib/decision/provider-config";
import type { DecisionOutput } from "@/lib/decision/schema";
import { env } from "@/lib/env";
import { paperRules } from "@/lib/exchange/paper/book";
import { getLogger } from "@/lib/log";
import { latestCandle, readClosedCandles } from "@/lib/market/series";
import { loadDecision } from "@/lib/execution/load-decision";
import { loadExecutionContext } from "@/lib/system/guards";
import type { RiskLevel } from "@/lib/trading/risk-level";
import { isServedSymbol } from "@/lib/trading/symbols";
import { parseAlert, sha256 } from "./parse-alert";
import { signalDecision } from "./signal-decision";
import { sourceForToken } from "./sources";

const log = getLogger("signals");

/** Requests with an unknown token one IP may make per minute before 429. */
export const UNKNOWN_TOKENS_PER_MINUTE = 30;

/** The claim window of an alert without an id (ms). */
export const DUPLICATE_WINDOW_MS = 60_000;

/** What the webhook answers for an accepted alert or a duplicate. */
export interface SignalReceipt {
  status: "accepted" | "duplicate";
  signalId: number;
  decisionId: number | null;
}

/** The keys a retry of this alert would claim too. */
export function claimKeys(alertId: string | null, payloadHash: string, now: number): string[] {
  if (alertId) return [`id:${alertId}`];
  const minute = Math.floor(now / DUPLICATE_WINDOW_MS);
  return [`hash:${payloadHash}:${minute}`, `hash:${payloadHash}:${minute + 1}`];
}

/** The decision group of a signal: its own, so no one else's tick ever replaces or shares it. */
export const signalGroupKey = (signalId: number) => `signal-${signalId}`;
/** Marks a signal decision as one user's (decision lists show rows with a prompt hash only to that group). */
export const signalPromptHash = (userId: number) => `signal:u${userId}`;

// The signal an earlier delivery of this alert already claimed, if any.
async function claimedBy(sourceId: number, keys: string[]): Promise<number | null> {
  for (const key of keys) {
    const row = await db.query.signalClaims.findFirst({
      where: and(eq(signalClaims.sourceId, sourceId), eq(signalClaims.claimKey, key)),
      columns: { signalId: true },
    });
    if (row) return row.signalId;
  }
  return null;
}

async function duplicateReceipt(signalId: number): Promise<SignalReceipt> {
  const row = await db.query.signals.findFirst({
    where: eq(signals.id, signalId),
    columns: { decisionId: true },
  });
  return { status: "duplicate", signalId, decisionId: row?.decisionId ?? null };
}

// Store a rejection (the user sees it on the signals page), then answer with it.
async function reject(
  row: Omit<NewSignal, "status" | "reason">,
  code: ErrorCode,
  reason: string,
): Promise<never> {
  await db.insert(signals).values({ ...row, status: "rejected", reason: reason.slice(0, 500) });
  throw new AppError(code, reason);
}

// Stop-distance floor inputs of this market, as the decision loop computes them.
async function marketContext(symbol: string) {
  const rules = paperRules();
  const candles = await readClosedCandles(symbol, Math.min(env.DECISION_HISTORY_MINUTES, 600));
  const view = marketView(candles);
  return {
    roundTripCost: roundTrip({ fees: rules.takerFee, slippage: rules.slippageBps / 10_000 }),
    volatility: view ? volatilityFraction(view) : 0,
  };
}

/** Handle one webhook delivery; throws AppError (4xx) for a refused alert. */
export async function receiveSignal(token: string, body: string, ip: string): Promise<SignalReceipt> {
  const source = await sourceForToken(token);
  if (!source) {
    // Guessing URLs is hopeless (256-bit tokens), but a scanner still costs lookups: unknown tokens count per IP.
    const misses = await hit(`signals:unknown:${ip}`, UNKNOWN_TOKENS_PER_MINUTE, 60);
    if (!misses.ok) throw rateLimitedError(misses.retryAfter);
    throw new AppError("not_found", "Unknown signal URL: it was revoked, rotated or never existed");
  }
  const limit = await hit(`signals:source:${source.id}`, env.SIGNAL_RATE_LIMIT_PER_MINUTE, 60);
  if (!limit.ok) throw rateLimitedError(limit.retryAfter);
  await db.update(signalSources).set({ lastUsedAt: new Date() }).where(eq(signalSources.id, source.id));

  const now = Date.now();
  const payloadHash = sha256(body);
  const parsed = parseAlert(body);
  const base = { userId: source.userId, sourceId: source.id, format: parsed.format, payloadHash };
  if (!parsed.ok)
    return reject({ ...base, action: parsed.action, symbol: parsed.symbol }, "bad_request", parsed.reason);
  const alert = parsed.alert;
  const row = {
    ...base,
    action: alert.action,
    symbol: alert.symbol,
    stopLoss: alert.stopLoss,
    takeProfit: alert.takeProfit,
    leverage: alert.leverage,
    alertId: alert.id,
  };
  const keys = claimKeys(alert.id, payloadHash, now);
  const earlier = await claimedBy(source.id, keys);
  if (earlier !== null) return duplicateReceipt(earlier);

  if (!isServedSymbol(alert.symbol))
    return reject(
      row,
      "unprocessable",
      `Unknown symbol ${alert.symbol}: Tickpilot trades ${env.MARKET_SYMBOLS.join(", ")}`,
    );
  const ctx = await loadExecutionContext(source.userId, alert.symbol);
  if (ctx.blocked !== null) return reject(row, "conflict", `Not placed: ${ctx.blocked}`);
  const { settings, access, account } = ctx;
  if (!access.plan.signals)
    return reject(
      row,
      "forbidden",
      `Signal webhooks are part of the Pro and Elite plans (you are on ${access.plan.name})`,
    );
  if (settings.followMode === "shared")
    return reject(
      row,
      "conflict",
      `Auto-trading on ${alert.symbol} follows only the shared decisions: switch it to "Signals" or "Both" on the signals page`,
    );
  if (!account || account.status !== "active")
    return reject(row, "conflict", "No active exchange account is selected for auto-trading");

  const numbers = signalDecision(
    alert,
    {
      riskLevel: settings.riskLevel,
      maxLeverage: settings.maxLeverage,
      ...(await marketContext(alert.symbol)),
    },
    `Signal from "${source.name}"${alert.id ? ` (alert ${alert.id})` : ""}.`,
  );
  if (!numbers.ok) return reject(row, "unprocessable", numbers.reason);
  return accept(source, row, keys, numbers.decision, settings.riskLevel, now);
}

// Claim the alert and write its signal and decision in one transaction (a concurrent retry hits the unique claim
// and becomes a duplicate); then enqueue the one execute job. A crash before the enqueue leaves no fan-out mark:
// the sweeper fans the decision out to its owner (lib/recovery/sweep.ts).
async function accept(
  source: SignalSource,
  row: Omit<NewSignal, "status">,
  keys: string[],
  d: DecisionOutput,
  riskLevel: RiskLevel,
  now: number,
): Promise<SignalReceipt> {
  const symbol = row.symbol!;
  const [interval, candle] = await Promise.all([tickIntervalMs(), latestCandle(symbol)]);
  let ids: { signalId: number; decisionId: number };
  try {
    ids = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(signals)
        .values({ ...row, status: "accepted" })
        .$returningId();
      const signalId = inserted!.id;
      await tx
        .insert(signalClaims)
        .values(keys.map((claimKey) => ({ sourceId: source.id, claimKey, signalId })));
      const [decision] = await tx
        .insert(decisions)
        .values({
          symbol,
          tickTime: new Date(now),
          groupKey: signalGroupKey(signalId),
          riskLevel,
          promptHash: signalPromptHash(source.userId),
          provider: "signal",
          model: `source-${source.id}`,
          action: d.action,
          confidence: d.confidence,
          leverage: d.leverage,
          stopLoss: d.stop_loss,
          takeProfit: d.take_profit,
          reason: d.reason,
          price: candle?.c ?? null,
          candleTime: candle ? new Date(candle.t) : null,
          status: "ok",
          expiresAt: new Date(now + interval),
        })
        .$returningId();
      await tx.update(signals).set({ decisionId: decision!.id }).where(eq(signals.id, signalId));
      return { signalId, decisionId: decision!.id };
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const earlier = await claimedBy(source.id, keys);
    if (earlier === null) throw err;
    return duplicateReceipt(earlier);
  }
  const decision = (await loadDecision(ids.decisionId))!;
  // Its recipient row puts it in the user's decision history (the chart's markers, the latest-decision card).
  await Promise.all([fanOut(decision, [source.userId]), recordRecipients(decision, [source.userId], false)]);
  await markFannedOut(decision.id, interval);
  await publishDecision(decision, [source.userId]);
  log.info({ ...ids, sourceId: source.id, action: d.action }, "signal accepted");
  return { status: "accepted", ...ids };
}
