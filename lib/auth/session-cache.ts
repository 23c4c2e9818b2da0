import "server-only";
// The cheap session check for hot read routes (`session: "cached"` in lib/api/route.ts, e.g. /api/kline): the
// same answer as getCurrentUser, without decrypting the cookie or reading MySQL on every request. A cookie's
// decoded claims are remembered by its exact value (decoding is a pure function of it); a session's MySQL
// check is remembered while the user's session epoch in Redis is unchanged (one round trip per request). Every
// change that ends sessions bumps that epoch after committing (lib/auth/session-epoch.ts), so suspension and
// "log out everywhere" still refuse the very next request. Without Redis the check reads MySQL as before.
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { Lru } from "@/lib/cache/lru";
import { env } from "@/lib/env";
import { readSessionEpoch } from "./session-epoch";
import { loadSession, loadSessionUser, type CurrentUser } from "./session-user";

// Auth.js's session cookie under https and plain http (the salt of its encryption is the cookie's name).
const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
// A backstop for user fields no session change touches (plan, role, 2FA): routes using this read only the id.
const MAX_AGE_MS = 30_000;

interface Claims {
  uid: string | undefined;
  sv: number | undefined;
  sid: string | undefined;
  /** Expiry of the cookie's token (ms). */
  exp: number;
}
interface Checked {
  user: CurrentUser;
  epoch: string;
  sv: number | undefined;
  expiresAt: number;
  loadedAt: number;
}

const claimsByCookie = new Lru<string, Claims>(10_000);
const checkedBySession = new Lru<string, Checked>(10_000);

// The cookie's claims; undefined when there is no plain session cookie (the full check handles chunked ones).
async function readClaims(): Promise<Claims | null | undefined> {
  const jar = await cookies();
  for (const name of COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    let claims = claimsByCookie.get(value);
    if (!claims) {
      const token = await decode({ token: value, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
      if (!token?.exp) return null;
      claims = { uid: token.uid, sv: token.sv, sid: token.sid, exp: token.exp * 1000 };
      claimsByCookie.set(value, claims);
    }
    return claims.exp > Date.now() ? claims : null;
  }
  return undefined;
}

/**
 * The current user, checked as getCurrentUser does, with the cached claims and MySQL answer; undefined when the
 * request has no plain session cookie (the caller runs the full check, which also reads chunked cookies).
 */
export async function getCurrentUserCached(): Promise<CurrentUser | null | undefined> {
  const claims = await readClaims();
  if (claims === undefined) return undefined;
  if (claims === null || !claims.sid) return null;
  const userId = Number(claims.uid);
  if (!Number.isSafeInteger(userId) || userId <= 0) return null;
  let epoch: string;
  try {
    epoch = await readSessionEpoch(userId);
  } catch {
    return loadSessionUser(claims.uid, claims.sv, claims.sid);
  }
  const now = Date.now();
  const hit = checkedBySession.get(claims.sid);
  if (
    hit &&
    hit.epoch === epoch &&
    hit.user.id === userId &&
    hit.sv === claims.sv &&
    hit.expiresAt > now &&
    now - hit.loadedAt < MAX_AGE_MS
  ) {
    return hit.user;
  }
  const session = await loadSession(claims.uid, claims.sv, claims.sid);
  if (!session) {
    checkedBySession.delete(claims.sid);
    return null;
  }
  checkedBySession.set(claims.sid, {
    user: session.user,
    epoch,
    sv: claims.sv,
    expiresAt: session.expiresAt.getTime(),
    loadedAt: now,
  });
  return session.user;
}
