import "server-only";
// A session token's user, checked against MySQL: missing, suspended or an old session version → no user.
import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { users, type User } from "@/db/schema";

export type CurrentUser = Omit<User, "passwordHash">;

/** Load and check a token's user: null when missing, suspended, or the session version has moved on. */
export async function loadSessionUser(
  uid: string | undefined,
  sv: number | undefined,
): Promise<CurrentUser | null> {
  const id = Number(uid);
  if (!uid || !Number.isSafeInteger(id) || id <= 0) return null;
  const row = await db.query.users.findFirst({ where: eq(users.id, id), columns: { passwordHash: false } });
  if (!row || row.status !== "active" || row.sessionVersion !== sv) return null;
  return row;
}

/** End every session of a user at their next request ("log out everywhere", suspension). */
export async function revokeSessions(userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
