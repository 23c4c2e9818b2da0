// GET /api/decisions?symbol=&limit= — recent decisions the user may see, with their reasons.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { decisionView, decisionsForUser } from "@/lib/decision/queries";
import { env } from "@/lib/env";

const query = z.object({
  symbol: z
    .string()
    .default(env.MARKET_SYMBOLS[0]!)
    .refine((s) => env.MARKET_SYMBOLS.includes(s), {
      message: `symbol must be one of ${env.MARKET_SYMBOLS.join(", ")}`,
    }),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int()
    .min(1, "limit must be between 1 and 200")
    .max(200, "limit must be between 1 and 200")
    .default(50),
});

export const GET = withUser({ query }, async ({ user, query: { symbol, limit } }) => {
  const rows = await decisionsForUser(user.id, symbol, limit);
  return NextResponse.json({ items: rows.map(decisionView) });
});
