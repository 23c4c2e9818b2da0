// GET/POST /api/auth/* — Auth.js, with the credentials callback rate-limited per IP and email (429 + Retry-After).
// Auth.js reads forms and guards its own POSTs with a CSRF token; the wrapper adds the origin and content-type
// checks and error mapping every route has.
import { NextRequest } from "next/server";
import { withPublic } from "@/lib/api/route";
import { handlers } from "@/lib/auth";
import { limitAuthAttempt, rateLimitedError } from "@/lib/auth/rate-limit";

export const GET = withPublic({}, async ({ req }) => handlers.GET(new NextRequest(req)));

export const POST = withPublic({ accepts: "form" }, async ({ req, ip }) => {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const limited = await limitAuthAttempt("login", ip, typeof email === "string" ? email : undefined);
    if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  }
  return handlers.POST(new NextRequest(req));
});
