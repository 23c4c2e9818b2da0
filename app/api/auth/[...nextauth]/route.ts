// GET/POST /api/auth/* — Auth.js, with the credentials callback rate-limited per IP and email (429 + Retry-After).
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/handler";
import { handlers } from "@/lib/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { limitAuthAttempt, rateLimitedError } from "@/lib/auth/rate-limit";

export const GET = handlers.GET;

export async function POST(req: NextRequest): Promise<Response> {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const limited = await limitAuthAttempt(
      "login",
      clientIp(req.headers),
      typeof email === "string" ? email : undefined,
    );
    if (!limited.ok) {
      return errorResponse(rateLimitedError(limited.retryAfter));
    }
  }
  return handlers.POST(req);
}
