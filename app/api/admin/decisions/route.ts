// GET /api/admin/decisions?symbol=&page= — the decision log, newest first
import { NextResponse } from "next/server";
import { z } from "zod";
import { DECISIONS_PAGE_SIZE, listDecisions } from "@/lib/admin/decision-log";
import { pageParam } from "@/lib/admin/request";
import { withAdmin } from "@/lib/api/route";

const query = z.object({
  symbol: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,20}USDT$/, "symbols look like BTCUSDT")
    .optional(),
  page: pageParam,
});

export const GET = withAdmin({ query }, async ({ query: { symbol, page } }) => {
  const { rows, total } = await listDecisions(symbol, page);
  return NextResponse.json({ decisions: rows, total, page, pageSize: DECISIONS_PAGE_SIZE });
});
