// GET /api/logs?page=&limit= — the signed-in user's own orders (the trade log), newest first.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { listOrders } from "@/lib/trading/trade-log";

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
});

export const GET = withUser({ query }, async ({ user, query: { page, limit } }) => {
  return NextResponse.json(await listOrders(user.id, page, limit));
});
