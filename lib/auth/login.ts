import "server-only";
// The steps of signing in, shared by the login form and the Auth.js credentials endpoint:
// 1. the password, under the login guard's limits (one generic failure for every cause);
// 2. for a user with two-factor authentication, a short-lived challenge answered with a code;
// 3. a single-use ticket (60 s) that the Credentials provider redeems to start the session, so the password is
//    checked exactly once and never passed around again.
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { getLogger } from "@/lib/log";
import { redis, rkey } from "@/lib/redis";
import { checkLoginAttempt, recordLoginFailure, recordLoginSuccess } from "./login-guard";
import { verifyPassword } from "./password";

const log = getLogger("auth");
const TICKET_SECONDS = 60;
const CHALLENGE_SECONDS = 300;
const CHALLENGE_ATTEMPTS = 5;
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** The outcome of a password check. */
export type PasswordCheck =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "limited"; retryAfter: number };

/** Check an email + password from `ip` under the login guard; every failure is logged once, at info. */
export async function checkPassword(input: {
  email: string;
  password: string;
  ip: string;
  knownDevice: boolean;
}): Promise<PasswordCheck> {
  const limited = await checkLoginAttempt(input);
  if (!limited.ok) {
    log.info({ reason: "rate_limited", retryAfter: limited.retryAfter }, "login refused");
    return { ok: false, reason: "limited", retryAfter: limited.retryAfter };
  }
  const user = await db.query.users.findFirst({ where: eq(users.email, input.email) });
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== "active") {
    if (!user || !ok) await recordLoginFailure(input.ip, input.email);
    log.info({ reason: !user ? "unknown_email" : !ok ? "bad_password" : "suspended" }, "login refused");
    return { ok: false, reason: "invalid" };
  }
  await recordLoginSuccess(input.ip, input.email);
  return { ok: true, user };
}

/** A single-use ticket that signs `userId` in when redeemed within a minute. */
export async function issueLoginTicket(userId: number): Promise<string> {
  const ticket = randomBytes(24).toString("base64url");
  await redis().set(rkey(`login:ticket:${digest(ticket)}`), String(userId), "EX", TICKET_SECONDS);
  return ticket;
}

/** The user id a ticket was issued for, once; null when unknown, used or expired. */
export async function redeemLoginTicket(ticket: unknown): Promise<number | null> {
  if (typeof ticket !== "string" || ticket.length > 64) return null;
  const value = await redis().getdel(rkey(`login:ticket:${digest(ticket)}`));
  return value ? Number(value) : null;
}

interface Challenge {
  userId: number;
  next: string;
  attempts: number;
}
const challengeKey = (id: string) => rkey(`login:2fa:${digest(id)}`);

/** A pending second-factor step for a user whose password was right; its id goes in an httpOnly cookie. */
export async function createChallenge(userId: number, next: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const value: Challenge = { userId, next, attempts: 0 };
  await redis().set(challengeKey(id), JSON.stringify(value), "EX", CHALLENGE_SECONDS);
  return id;
}

/** The pending challenge, or null when it expired or never existed. */
export async function readChallenge(id: string | undefined): Promise<Challenge | null> {
  if (!id || id.length > 64) return null;
  const raw = await redis().get(challengeKey(id));
  return raw ? (JSON.parse(raw) as Challenge) : null;
}

/** Count a wrong code; after five the challenge is gone and the password has to be entered again. */
export async function failChallenge(id: string, challenge: Challenge): Promise<boolean> {
  const attempts = challenge.attempts + 1;
  if (attempts >= CHALLENGE_ATTEMPTS) {
    await redis().del(challengeKey(id));
    return false;
  }
  await redis().set(challengeKey(id), JSON.stringify({ ...challenge, attempts }), "KEEPTTL");
  return true;
}

/** The challenge is answered: it cannot be used again. */
export async function endChallenge(id: string): Promise<void> {
  await redis().del(challengeKey(id));
}
