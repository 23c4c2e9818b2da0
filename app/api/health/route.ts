// GET /api/health — MySQL, Redis, worker heartbeat, and liveness: decisions on schedule, execution moving, no
// order row stuck pending. 200 when all hold, 503 naming the failing checks. Public: no secrets, no user data.
import { NextResponse } from "next/server";
import { pool } from "@/db";
import { withPublic } from "@/lib/api/route";
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";
import { liveness, type LivenessCheck } from "@/lib/system/liveness";
import { liveWorkers } from "@/lib/workers/heartbeat";

export const dynamic = "force-dynamic";

type Check = { ok: boolean; latencyMs?: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      ok: false,
      error: err instanceof Error && err.message === "timeout" ? "timeout" : "unreachable",
    };
  }
}

export const GET = withPublic({}, async () => {
  const [mysql, redisCheck] = await Promise.all([
    timed(() => pool.query("SELECT 1")),
    timed(() => redis().ping()),
  ]);
  let worker: Check & { count?: number; lastBeatAgeSeconds?: number } = { ok: false, error: "no heartbeat" };
  if (redisCheck.ok) {
    const workers = await liveWorkers().catch(() => []);
    const newest = workers.reduce((max, w) => Math.max(max, w.lastBeat), 0);
    worker = workers.length
      ? { ok: true, count: workers.length, lastBeatAgeSeconds: Math.round((Date.now() - newest) / 1000) }
      : {
          ok: false,
          error: `no worker heartbeat in the last ${env.WORKER_HEARTBEAT_SECONDS * 3} seconds`,
          count: 0,
        };
  }
  let live: Record<string, LivenessCheck> = {};
  if (mysql.ok && redisCheck.ok) {
    const l = await liveness().catch(() => null);
    live = l
      ? {
          decisions: l.decisions,
          executeQueue: l.executeQueue,
          pendingOrders: { ok: l.pendingOrders.ok, detail: l.pendingOrders.detail },
        }
      : { liveness: { ok: false, detail: "liveness checks could not run" } };
  }
  const checks = { mysql, redis: redisCheck, worker, ...live };
  const failing = Object.entries(checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  const ok = failing.length === 0;
  return NextResponse.json(
    {
      status: ok ? "ok" : "degraded",
      ...(ok ? {} : { failing }),
      checks,
      time: new Date().toISOString(),
    },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
