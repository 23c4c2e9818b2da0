// GET /api/backtests — the signed-in user's backtest runs, newest first (figures, no curves).
// POST /api/backtests — ask for a backtest: validated, one at a time, rate-limited, LLM runs plan-gated and
// budgeted; it runs as a `backtest` job and reports progress on the user's stream. 201 with the queued run.
import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { planFor } from "@/lib/billing/limits";
import { backtestInput, createBacktestRun, listOwnRuns, runView } from "@/lib/backtest/runs";

export const GET = apiRoute(async () => {
  const user = await requireApiUser();
  return NextResponse.json({ items: (await listOwnRuns(user.id)).map((r) => runView(r)) });
});

export const POST = apiRoute(async (req) => {
  const user = await requireApiUser();
  const input = await readJson(req, backtestInput, 2_048);
  const { plan } = await planFor(user);
  const run = await createBacktestRun(user, plan, input);
  return NextResponse.json({ run: runView(run) }, { status: 201 });
});
