// GET /api/track-record — public (no login): the shadow accounts of the default decision groups, their figures,
// equity curves, last trades and decisions, from the cached snapshot (rebuilt after every update).
import { NextResponse } from "next/server";
import { withPublic } from "@/lib/api/route";
import { readSnapshot } from "@/lib/track-record/snapshot";

export const dynamic = "force-dynamic";

export const GET = withPublic({}, async () => {
  return NextResponse.json(await readSnapshot(), {
    headers: { "Cache-Control": "public, max-age=15, s-maxage=30, stale-while-revalidate=60" },
  });
});
