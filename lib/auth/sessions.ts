import "server-only";
// Server-side sessions: every login writes a row whose id rides in the session JWT. Ending a session deletes
// nothing from the browser we cannot reach; it marks the row revoked, and the next request with that cookie is
// refused (lib/auth/session-user.ts checks the row on every request).
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { db } from "@/db";
import { userSessions } from "@/db/schema";
import { bumpSessionEpoch } from "./session-epoch";

/** How long a session lasts (the JWT's maxAge matches it). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Start a session for a user who just proved who they are; returns its id for the JWT. */
export async function createSession(
  userId: number,
  client: { ip: string; userAgent: string | null },
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.insert(userSessions).values({
    id,
    userId,
    ip: client.ip.slice(0, 64),
    userAgent: client.userAgent?.slice(0, 255) ?? null,
    lastSeenAt: new Date(),
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return id;
}

/** End one session ("Log out"). */
export async function revokeSession(sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  const [row] = await db
    .select({ userId: userSessions.userId })
    .from(userSessions)
    .where(eq(userSessions.id, sessionId));
  if (row) await bumpSessionEpoch(row.userId);
}

/** End every session of a user except `keep` (a password change keeps the device that made it). */
export async function revokeOtherSessions(userId: number, keep: string | null): Promise<number> {
  const [res] = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        keep ? ne(userSessions.id, keep) : undefined,
      ),
    );
  await bumpSessionEpoch(userId);
  return (res as unknown as { affectedRows: number }).affectedRows;
}

/** One signed-in device as the security page lists it. */
export interface SessionView {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  current: boolean;
}

/** The user's live sessions, newest first (at most 20). */
export async function listSessions(userId: number, currentId: string | null): Promise<SessionView[]> {
  const rows = await db
    .select()
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(userSessions.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    ip: r.ip,
    userAgent: r.userAgent,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
    current: r.id === currentId,
  }));
}

/** End one of `userId`'s own sessions; false when it is not theirs (or does not exist). */
export async function endOwnSession(userId: number, sessionId: string): Promise<boolean> {
  const [res] = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)),
    );
  await bumpSessionEpoch(userId);
  return (res as unknown as { affectedRows: number }).affectedRows === 1;
}
