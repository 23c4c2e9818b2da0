import "server-only";
// Failed-login limits that slow an attacker without locking the owner out:
// - per client IP, every attempt counts (AUTH_RATE_LIMIT_PER_IP per window): one address cannot spray accounts;
// - per email + IP, failures count (AUTH_RATE_LIMIT_PER_EMAIL per window): an attacker's address is blocked for
//   that account, the owner's address is not;
// - per email, failures from anywhere add a growing delay (1 s, 2 s, 4 s … up to 30 s after the third) before the
//   next attempt from a device that has not signed in to the account before. A device that has (a signed cookie
//   set at its last successful login) skips the delay, so the owner gets in even while the account is attacked.
// A successful login clears that IP's failures for the email and the email's delay.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { emailKey, hit, type RateLimitResult } from "./rate-limit";

/** Failures per email (from anywhere) before the delay starts; then 1 s, doubling, capped. */
export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 30;

/** Name of the cookie that marks a browser that signed in to an account before. */
export const DEVICE_COOKIE = "tp_device";

const failKey = (email: string, ip: string) => rkey(`login:fail:${emailKey(email)}:${ip}`);
const emailFailKey = (email: string) => rkey(`login:fail:${emailKey(email)}`);
const delayKey = (email: string) => rkey(`login:delay:${emailKey(email)}`);

function deviceMac(nonce: string, email: string): string {
  return createHmac("sha256", env.AUTH_SECRET)
    .update(`device:${nonce}:${emailKey(email)}`)
    .digest("base64url");
}

/** A cookie value proving this browser signed in to `email` (set after a successful login). */
export function deviceToken(email: string): string {
  const nonce = randomBytes(12).toString("base64url");
  return `${nonce}.${deviceMac(nonce, email)}`;
}

/** The device cookie of a request, if it has one. */
export function deviceCookieOf(headers: Headers): string | undefined {
  const prefix = `${DEVICE_COOKIE}=`;
  const found = (headers.get("cookie") ?? "").split(/;\s*/).find((c) => c.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : undefined;
}

/** Whether a device cookie value was issued for `email` by this server. */
export function isKnownDevice(token: string | undefined | null, email: string): boolean {
  const [nonce, mac] = (token ?? "").split(".");
  if (!nonce || !mac) return false;
  const expected = Buffer.from(deviceMac(nonce, email));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * May this attempt go ahead? Counts the attempt against the IP (unless `peek`: a pre-check that the real attempt
 * will count); failures are recorded separately.
 */
export async function checkLoginAttempt(input: {
  ip: string;
  email: string;
  knownDevice: boolean;
  peek?: boolean;
}): Promise<RateLimitResult> {
  const window = env.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  if (!input.peek) {
    const byIp = await hit(`login:ip:${input.ip}`, env.AUTH_RATE_LIMIT_PER_IP, window);
    if (!byIp.ok) return byIp;
  } else {
    const ipKey = rkey(`ratelimit:login:ip:${input.ip}`);
    const [count, ttl] = await Promise.all([redis().get(ipKey), redis().ttl(ipKey)]);
    if (Number(count ?? 0) >= env.AUTH_RATE_LIMIT_PER_IP) return { ok: false, retryAfter: Math.max(1, ttl) };
  }
  const key = failKey(input.email, input.ip);
  const [failures, ttl, delayMs] = await Promise.all([
    redis().get(key),
    redis().ttl(key),
    input.knownDevice ? Promise.resolve(-2) : redis().pttl(delayKey(input.email)),
  ]);
  if (Number(failures ?? 0) >= env.AUTH_RATE_LIMIT_PER_EMAIL)
    return { ok: false, retryAfter: Math.max(1, ttl) };
  if (delayMs > 0) return { ok: false, retryAfter: Math.ceil(delayMs / 1000) };
  return { ok: true };
}

/** Record a failed attempt: counts for this email + IP, and the email's growing delay. */
export async function recordLoginFailure(ip: string, email: string): Promise<void> {
  const window = env.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  const res = await redis()
    .multi()
    .incr(failKey(email, ip))
    .expire(failKey(email, ip), window, "NX")
    .incr(emailFailKey(email))
    .expire(emailFailKey(email), window, "NX")
    .exec();
  const total = Number(res?.[2]?.[1] ?? 0);
  if (total > FREE_FAILURES) {
    const seconds = Math.min(2 ** (total - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
    await redis().set(delayKey(email), "1", "PX", seconds * 1000);
  }
}

/** A successful login: forget this address's failures for the email and lift the email's delay. */
export async function recordLoginSuccess(ip: string, email: string): Promise<void> {
  await redis().del(failKey(email, ip), emailFailKey(email), delayKey(email));
}
