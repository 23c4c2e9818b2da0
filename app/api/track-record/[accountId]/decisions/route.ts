// GET /api/track-record/:accountId/decisions?page=&limit= — public: every decision a shadow account followed,
// newest first, with its reason and what the account did (held, filled, or skipped and why).
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { idSegment } from "@/lib/api/params";
import { withPublic } from "@/lib/api/route";
import { accountDecisions, accountExists } from "@/lib/track-record/snapshot";

const query = z.object({
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be at least 1")
    .max(1_000_000)
    .default(1),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int()
    .min(1, "limit must be between 1 and 100")
    .max(100, "limit must be between 1 and 100")
    .default(50),
});

export const GET = withPublic(
  { query, params: z.object({ accountId: idSegment }) },
  async ({ query: { page, limit }, params: { accountId } }) => {
    if (!(await accountExists(accountId))) throw new AppError("not_found", "Track record account not found");
    return NextResponse.json(await accountDecisions(accountId, page, limit), {
      headers: { "Cache-Control": "public, max-age=15, s-maxage=30" },
    });
  },
);
