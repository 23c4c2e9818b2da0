// POST /api/auth/register — create an account from JSON { email, password, name? }; 201, or 400/409/415/429
// writing nothing.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withPublic } from "@/lib/api/route";
import { audit } from "@/lib/audit";
import { limitAuthAttempt, rateLimitedError } from "@/lib/auth/rate-limit";
import { registerUser } from "@/lib/auth/register";
import { signupSchema } from "@/lib/auth/schemas";

export const POST = withPublic({ body: z.unknown() }, async ({ body, ip }) => {
  const rawEmail = (body as { email?: unknown } | null)?.email;
  const limited = await limitAuthAttempt("signup", ip, typeof rawEmail === "string" ? rawEmail : undefined);
  if (!limited.ok) throw rateLimitedError(limited.retryAfter);
  const input = signupSchema.parse(body);
  const user = await registerUser(input);
  await audit({ actorId: user.id, targetUserId: user.id, action: "user.signup", ip });
  return NextResponse.json({ user }, { status: 201 });
});
