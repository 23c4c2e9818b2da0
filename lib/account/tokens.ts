import "server-only";
// Single-use emailed tokens (email verification, password reset): 32 random bytes in the link, only the SHA-256
// stored, an expiry, and consumed atomically so a link works exactly once.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db";
import { authTokens } from "@/db/schema";

type Purpose = (typeof authTokens.$inferSelect)["purpose"];
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issue a token (older unused ones of the same purpose stop working); returns the token for the link. */
export async function issueToken(userId: number, purpose: Purpose, email: string, ttlMinutes: number) {
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
    await tx.insert(authTokens).values({
      userId,
      purpose,
      email,
      tokenHash: digest(token),
      expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
    });
  });
  return token;
}

/** Whether a token looks like one we issue (43 base64url characters) before touching the database. */
export function isTokenShaped(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The still-valid token row, without using it (to show the reset form). */
export async function peekToken(token: unknown, purpose: Purpose) {
  if (!isTokenShaped(token)) return null;
  const row = await db.query.authTokens.findFirst({
    where: and(
      eq(authTokens.tokenHash, digest(token)),
      eq(authTokens.purpose, purpose),
      isNull(authTokens.usedAt),
      gt(authTokens.expiresAt, new Date()),
    ),
  });
  return row ?? null;
}

/** Use a token: the row when it was valid and unused (it is now used), else null. Runs inside `tx` when given. */
export async function consumeToken(
  token: unknown,
  purpose: Purpose,
  tx: Pick<typeof db, "update" | "query"> = db,
) {
  const row = await peekToken(token, purpose);
  if (!row) return null;
  const [res] = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt)));
  return (res as unknown as { affectedRows: number }).affectedRows === 1 ? row : null;
}
