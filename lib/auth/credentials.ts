import "server-only";
// The Credentials provider's authorize: who may start a session. Two ways in:
// - `{ ticket }` from our own login flow (password, and the second factor when on, already checked);
// - `{ email, password, code? }` posted to /api/auth/callback/credentials by a script, checked here the same way.
// Either way a server-side session row is created; its id rides in the JWT.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { getLogger } from "@/lib/log";
import { clientIp } from "./client-ip";
import { checkPassword, redeemLoginTicket } from "./login";
import { deviceCookieOf, isKnownDevice } from "./login-guard";
import { loginSchema } from "./schemas";
import { createSession } from "./sessions";
import { verifySecondFactor } from "./totp";

const log = getLogger("auth");
const codeField = z.object({ code: z.string().max(32).optional() });

async function userForTicket(ticket: unknown): Promise<User | null> {
  const userId = await redeemLoginTicket(ticket);
  if (userId === null) return null;
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  return user?.status === "active" ? user : null;
}

async function userForPassword(input: unknown, headers: Headers): Promise<User | null> {
  const parsed = loginSchema.and(codeField).safeParse(input);
  if (!parsed.success) return null;
  const { email, password, code } = parsed.data;
  const knownDevice = isKnownDevice(deviceCookieOf(headers), email);
  const checked = await checkPassword({ email, password, ip: clientIp(headers), knownDevice });
  if (!checked.ok) return null;
  if (checked.user.totpEnabledAt && !(code && (await verifySecondFactor(checked.user.id, code)))) {
    log.info({ reason: "second_factor" }, "login refused");
    return null;
  }
  return checked.user;
}

/** Check a sign-in; returns the user for the token (with the new session's id), or null (one generic failure). */
export async function authorizeCredentials(input: unknown, request?: Request) {
  const headers = request?.headers ?? new Headers();
  const ticket = (input as { ticket?: unknown } | null)?.ticket;
  const user = ticket !== undefined ? await userForTicket(ticket) : await userForPassword(input, headers);
  if (!user) return null;
  const sessionId = await createSession(user.id, {
    ip: clientIp(headers),
    userAgent: headers.get("user-agent"),
  });
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return {
    id: String(user.id),
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
    sessionId,
  };
}
