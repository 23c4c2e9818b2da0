import "server-only";
// Checking an email + password against the users table (the Credentials provider's authorize).
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { getLogger } from "@/lib/log";
import { verifyPassword } from "./password";
import { loginSchema } from "./schemas";

const log = getLogger("auth");

/** Check an email + password; returns the user for the token, or null (one generic failure for every cause). */
export async function authorizeCredentials(input: unknown) {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.query.users.findFirst({ where: eq(users.email, email) });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== "active") {
    log.info({ reason: !user ? "unknown_email" : !ok ? "bad_password" : "suspended" }, "login refused");
    return null;
  }
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return {
    id: String(user.id),
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
