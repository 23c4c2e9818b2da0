// GET /api/admin/decisions?symbol=&page= — the decision log, newest first
import { NextResponse } from "next/server";
import { z } from "zod";
import { DECISIONS_PAGE_SIZE, listDecisions } from "@/lib/admin/decision-log";
import { pageParam, requireAdminActor } from "@/lib/admin/request";
import { apiRoute, readQuery } from "@/lib/api/handler";

const query = z.object({
  symbol: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,20}USDT$/, "symbols look like BTCUSDT")
    .optional(),
  page: pageParam,
});

export const GET = apiRoute(async (req) => {
  await requireAdminActor(req);
  const { symbol, page } = readQuery(req, query);
  const { rows, total } = await listDecisions(symbol, page);
  return NextResponse.json({ decisions: rows, total, page, pageSize: DECISIONS_PAGE_SIZE });
});
