import "server-only";
// Fixed-window rate limits counted in Redis: sign-up and emailed links per IP and per email, routes per user or IP.
// Failed logins have their own rules (login-guard.ts).
import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { redis, rkey } from "@/lib/redis";
import { createHash } from "node:crypto";

export type RateLimitResult = { ok: true } | { ok: false; retryAfter: number };

/** Count one attempt against `key`; allowed while the count in the current window is ≤ limit. */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const full = rkey(`ratelimit:${key}`);
  const res = await redis().multi().incr(full).expire(full, windowSeconds, "NX").ttl(full).exec();
  const count = Number(res?.[0]?.[1] ?? 0);
  const ttl = Number(res?.[2]?.[1] ?? windowSeconds);
  if (count <= limit) return { ok: true };
  return { ok: false, retryAfter: Math.max(1, ttl) };
}

/** An email as it appears in Redis key names: hashed, so Redis never holds a list of who tried to log in. */
export const emailKey = (email: string) =>
  createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);

/** Count an attempt at a public account action by IP and (when known) email; limited if either is over. */
export async function limitAuthAttempt(
  action: "signup" | "password-reset" | "verify-email",
  ip: string,
  email: string | undefined,
): Promise<RateLimitResult> {
  const window = env.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  const checks = [hit(`${action}:ip:${ip}`, env.AUTH_RATE_LIMIT_PER_IP, window)];
  if (email) checks.push(hit(`${action}:email:${emailKey(email)}`, env.AUTH_RATE_LIMIT_PER_EMAIL, window));
  const results = await Promise.all(checks);
  const blocked = results.filter((r): r is { ok: false; retryAfter: number } => !r.ok);
  if (blocked.length === 0) return { ok: true };
  return { ok: false, retryAfter: Math.max(...blocked.map((b) => b.retryAfter)) };
}

/** "Too many attempts" text with a human retry time. */
export function rateLimitMessage(retryAfter: number): string {
  const when = retryAfter < 90 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
  return `Too many attempts. Try again in ${when}.`;
}

/** The 429 answer for a limited request: the message above and its Retry-After. */
export function rateLimitedError(retryAfter: number): AppError {
  return new AppError("rate_limited", rateLimitMessage(retryAfter), { retryAfter });
}
