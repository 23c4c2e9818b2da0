import "server-only";
// A per-user token in Redis that changes whenever the user's sessions may have stopped being valid (suspension,
// "log out everywhere", a session ended, a password change, account deletion). The cached session check
// (lib/auth/session-cache.ts) trusts a remembered MySQL answer only while this token is the one it saw, so a
// change here takes effect on the user's very next request in every web process.
import { randomBytes } from "node:crypto";
import { redis, rkey } from "@/lib/redis";

// Outlives any session (7 days); an expired or lost token only makes the next check read MySQL again.
const TTL_SECONDS = 8 * 24 * 3600;
const PROCESS = randomBytes(6).toString("base64url");
let counter = 0;

const epochKey = (userId: number) => rkey(`session-epoch:${userId}`);
const freshToken = () => `${PROCESS}.${++counter}`;

/** Invalidate every remembered session check of a user. Call AFTER the MySQL change is committed. */
export async function bumpSessionEpoch(userId: number): Promise<void> {
  await redis().set(epochKey(userId), freshToken(), "EX", TTL_SECONDS);
}

/**
 * The user's current token, created when there is none (one round trip: SET NX GET). Read it BEFORE reading
 * MySQL: a change committed after that read bumps the token, so the answer is never trusted past it.
 */
export async function readSessionEpoch(userId: number): Promise<string> {
  const token = freshToken();
  const previous = (await redis().call("SET", epochKey(userId), token, "EX", TTL_SECONDS, "NX", "GET")) as
    string | null;
  return previous ?? token;
}
