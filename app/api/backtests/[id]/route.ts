// GET /api/backtests/:id — one of the signed-in user's runs with its equity curve and trades; anyone else's
// (or a missing one) is a 404.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { idParams } from "@/lib/api/params";
import { withUser } from "@/lib/api/route";
import { getOwnRun, runView } from "@/lib/backtest/runs";

export const GET = withUser({ params: idParams }, async ({ user, params }) => {
  const run = await getOwnRun(user.id, params.id);
  if (!run) throw new AppError("not_found", "Backtest not found");
  return NextResponse.json({ run: runView(run, true) });
});
