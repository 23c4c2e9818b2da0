import "server-only";
// A session token's user, checked against MySQL on every request: the user (active, same session version) and the
// session row (not revoked, not expired). Either failing → no user: "log out", "log out everywhere", a password
// change and suspension all take effect at the next request.
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { userSessions, users, type User } from "@/db/schema";
import { bumpSessionEpoch } from "./session-epoch";

/** The signed-in user without secrets, plus the id of the session they are using. */
export type CurrentUser = Omit<User, "passwordHash" | "totpSecretEnc"> & { sessionId: string };

const LAST_SEEN_EVERY_MS = 5 * 60_000;

/** Load and check a token's user and session; null when any check fails. */
export async function loadSessionUser(
  uid: string | undefined,
  sv: number | undefined,
  sid: string | undefined,
): Promise<CurrentUser | null> {
  return (await loadSession(uid, sv, sid))?.user ?? null;
}

/** Like loadSessionUser, with the session's expiry (for the cached check, lib/auth/session-cache.ts). */
export async function loadSession(
  uid: string | undefined,
  sv: number | undefined,
  sid: string | undefined,
): Promise<{ user: CurrentUser; expiresAt: Date } | null> {
  const id = Number(uid);
  if (!uid || !Number.isSafeInteger(id) || id <= 0 || !sid || sid.length > 32) return null;
  const [row] = await db
    .select({ user: users, lastSeenAt: userSessions.lastSeenAt, expiresAt: userSessions.expiresAt })
    .from(users)
    .innerJoin(userSessions, eq(userSessions.userId, users.id))
    .where(
      and(
        eq(users.id, id),
        eq(userSessions.id, sid),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, new Date()),
      ),
    );
  if (!row || row.user.status !== "active" || row.user.sessionVersion !== sv) return null;
  if (!row.lastSeenAt || Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await touch(sid);
  }
  const { passwordHash: _p, totpSecretEnc: _t, ...user } = row.user;
  return { user: { ...user, sessionId: sid }, expiresAt: row.expiresAt };
}

// At most one write per session every few minutes, however many requests it makes.
async function touch(sid: string): Promise<void> {
  const cutoff = new Date(Date.now() - LAST_SEEN_EVERY_MS);
  await db
    .update(userSessions)
    .set({ lastSeenAt: new Date() })
    .where(
      and(eq(userSessions.id, sid), or(isNull(userSessions.lastSeenAt), lt(userSessions.lastSeenAt, cutoff))),
    );
}

/** End every session of a user at their next request ("log out everywhere", suspension). */
export async function revokeSessions(userId: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
  await bumpSessionEpoch(userId);
}
