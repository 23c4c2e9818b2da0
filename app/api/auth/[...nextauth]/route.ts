// GET/POST /api/auth/* — Auth.js. A script may sign in with POST /api/auth/callback/credentials (form fields
// email, password, and code when two-factor authentication is on): the login guard's limits answer 429 with
// Retry-After here. Auth.js reads forms and guards its own POSTs with a CSRF token; the wrapper adds the origin
// and content-type checks and error mapping every route has.
import { NextRequest } from "next/server";
import { withPublic } from "@/lib/api/route";
import { handlers } from "@/lib/auth";
import { checkLoginAttempt, deviceCookieOf, isKnownDevice } from "@/lib/auth/login-guard";
import { rateLimitedError } from "@/lib/auth/rate-limit";

export const GET = withPublic({}, async ({ req }) => handlers.GET(new NextRequest(req)));

export const POST = withPublic({ accepts: "form" }, async ({ req, ip }) => {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    // Read a copy: the original body goes on to Auth.js untouched.
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const raw = form?.get("email");
    const email = typeof raw === "string" ? raw.trim().toLowerCase() : "";
    if (email) {
      const knownDevice = isKnownDevice(deviceCookieOf(req.headers), email);
      const limited = await checkLoginAttempt({ ip, email, knownDevice, peek: true });
      if (!limited.ok) throw rateLimitedError(limited.retryAfter);
    }
  }
  return handlers.POST(new NextRequest(req));
});
