// GET /api/metrics — Prometheus metrics, for a scraper holding METRICS_TOKEN (404 when no token is configured)
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { withPublic } from "@/lib/api/route";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { metricsRegistry } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

const log = getLogger("metrics");

function tokenMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Public to the wrapper: the bearer token below is this endpoint's own authentication.
export const GET = withPublic({}, async ({ req }) => {
  const token = env.METRICS_TOKEN;
  if (!token)
    return NextResponse.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });
  if (!tokenMatches(req.headers.get("authorization"), token)) {
    return NextResponse.json(
      { error: { code: "unauthorized", message: "A valid bearer token is required" } },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } },
    );
  }
  try {
    const registry = metricsRegistry();
    return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
  } catch (err) {
    log.error({ err }, "collecting metrics failed");
    return NextResponse.json(
      { error: { code: "unavailable", message: "Metrics unavailable" } },
      { status: 503 },
    );
  }
});
