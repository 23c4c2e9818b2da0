// GET /api/backtests/:id — one of the signed-in user's runs with its equity curve and trades; anyone else's
// (or a missing one) is a 404.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { requireApiUser } from "@/lib/auth/session";
import { getOwnRun, runView } from "@/lib/backtest/runs";

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (_req, ctx) => {
  const user = await requireApiUser();
  const id = idParam.safeParse((await ctx.params).id);
  const run = id.success ? await getOwnRun(user.id, id.data) : null;
  if (!run) throw new AppError("not_found", "Backtest not found");
  return NextResponse.json({ run: runView(run, true) });
});
