// GET /api/logs?page=&limit=&show= — the signed-in user's trade log, newest first: their orders, and the decisions
// that placed nothing for them (holds, kept back by the kill switch); `show` = all | trades | holds.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { listOrders, TRADE_LOG_FILTERS } from "@/lib/trading/trade-log";

const query = z.object({
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be at least 1")
    .max(100_000)
    .default(1),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 100")
    .max(100, "limit must be between 1 and 100")
    .default(20),
  show: z
    .enum(TRADE_LOG_FILTERS, { error: `show must be one of ${TRADE_LOG_FILTERS.join(", ")}` })
    .default("all"),
});

export const GET = withUser({ query }, async ({ user, query: { page, limit, show } }) => {
  return NextResponse.json(await listOrders(user.id, page, limit, show));
});
