import "server-only";
// The signed-in user, re-checked against MySQL on every request: status, session version and the session row
// revoke JWTs at once. Admins must have two-factor authentication on to use the console.
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/api/errors";
import { auth } from "./index";
import { getCurrentUserCached } from "./session-cache";
import { loadSessionUser, type CurrentUser } from "./session-user";

export { revokeSessions, type CurrentUser } from "./session-user";

/** The current user for this request, or null. Deduplicated per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  return loadSessionUser(session?.user?.id, session?.sessionVersion, session?.sessionId);
});

/** For pages: the current user, or a redirect to login that comes back to `returnTo`. */
export async function requireUser(returnTo = "/dashboard"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Where an admin without two-factor authentication is sent: the console needs it. */
export const ADMIN_2FA_PATH = "/dashboard/security?required=admin";

/**
 * For admin pages: anyone who is not an admin gets a 404, not a hint that the page exists; an admin who has not
 * turned on two-factor authentication is sent to set it up first.
 */
export async function requireAdminPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") notFound();
  if (!user.totpEnabledAt) redirect(ADMIN_2FA_PATH);
  return user;
}

/**
 * For route handlers and actions: the current user or a 401 AppError. `cached` uses the cheap check of hot read
 * routes (lib/auth/session-cache.ts): same refusals, user fields up to 30 s old.
 */
export async function requireApiUser(check: "full" | "cached" = "full"): Promise<CurrentUser> {
  const cached = check === "cached" ? await getCurrentUserCached() : undefined;
  const user = cached === undefined ? await getCurrentUser() : cached;
  if (!user) throw new AppError("unauthorized", "Sign in to continue");
  return user;
}

/** For admin APIs: non-admins (signed in or not) get the same 404 as a missing route; an admin without 2FA a 403. */
export async function requireApiAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") throw new AppError("not_found", "Not found");
  if (!user.totpEnabledAt)
    throw new AppError(
      "forbidden",
      "Turn on two-factor authentication (Settings → Security) to use the admin console.",
    );
  return user;
}
