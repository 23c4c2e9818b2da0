// GET /api/signal-sources — the user's signal sources (masked), follow modes per symbol and recent signals.
// POST /api/signal-sources — create a source { name }; 201 with its webhook URL, the only time it is shown.
import { NextResponse } from "next/server";
import { withUser } from "@/lib/api/route";
import { followModes } from "@/lib/signals/follow-mode";
import { recentSignals } from "@/lib/signals/history";
import { signalsPlanRefusal, sourceNameSchema } from "@/lib/signals/schemas";
import { createSource, listSources, sourceView } from "@/lib/signals/sources";

export const GET = withUser({}, async ({ user }) => {
  const [sources, modes, signals] = await Promise.all([
    listSources(user.id),
    followModes(user.id),
    recentSignals(user.id),
  ]);
  return NextResponse.json({ sources: sources.map(sourceView), modes, signals });
});

export const POST = withUser(
  {
    body: sourceNameSchema,
    plan: signalsPlanRefusal,
    rateLimit: { name: "signal-sources", limit: 30, windowSeconds: 3600 },
  },
  async ({ user, body, ip }) => {
    const created = await createSource({ id: user.id, ip }, body.name);
    return NextResponse.json(created, { status: 201 });
  },
);
