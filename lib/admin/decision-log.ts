import "server-only";
// The decision log for operators: a page of decisions, and one decision with its full prompt and raw response.
import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { AppError } from "@/lib/api/errors";

export const DECISIONS_PAGE_SIZE = 25;

const listColumns = {
  id: decisions.id,
  symbol: decisions.symbol,
  tickTime: decisions.tickTime,
  riskLevel: decisions.riskLevel,
  provider: decisions.provider,
  model: decisions.model,
  action: decisions.action,
  confidence: decisions.confidence,
  leverage: decisions.leverage,
  status: decisions.status,
  error: decisions.error,
  reason: decisions.reason,
  promptTokens: decisions.promptTokens,
  completionTokens: decisions.completionTokens,
  costUsd: decisions.costUsd,
  latencyMs: decisions.latencyMs,
  createdAt: decisions.createdAt,
};

/** Decisions newest first, optionally for one symbol. */
export async function listDecisions(symbol: string | undefined, page = 1) {
  const where = symbol ? eq(decisions.symbol, symbol) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)` })
    .from(decisions)
    .where(where);
  const rows = await db
    .select(listColumns)
    .from(decisions)
    .where(where)
    .orderBy(desc(decisions.id))
    .limit(DECISIONS_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * DECISIONS_PAGE_SIZE);
  return { rows, total: Number(countRow?.n ?? 0) };
}

export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>["rows"][number];

/** One decision with everything the LLM saw and said. */
export async function getDecision(id: number) {
  const row = await db.query.decisions.findFirst({ where: eq(decisions.id, id) });
  if (!row) throw new AppError("not_found", "Decision not found");
  return row;
}
