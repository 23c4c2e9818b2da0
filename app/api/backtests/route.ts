// GET /api/backtests — the signed-in user's backtest runs, newest first (figures, no curves).
// POST /api/backtests — ask for a backtest: validated, one at a time, rate-limited, LLM runs plan-gated and
// budgeted; it runs as a `backtest` job and reports progress on the user's stream. 201 with the queued run.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { planFor } from "@/lib/billing/limits";
import { backtestInput, createBacktestRun, listOwnRuns, runView } from "@/lib/backtest/runs";

export const GET = withUser({}, async ({ user }) => {
  return NextResponse.json({ items: (await listOwnRuns(user.id)).map((r) => runView(r)) });
});

export const POST = withUser({ body: backtestInput, maxBodyBytes: 2_048 }, async ({ user, body }) => {
  const { plan } = await planFor(user);
  const run = await createBacktestRun(user, plan, body);
  return NextResponse.json({ run: runView(run) }, { status: 201 });
});
