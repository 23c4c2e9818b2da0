"use server";
// Server actions for the login (password, then the second factor when on) and sign-up forms, and for logging out.
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users } from "@/db/schema";
import { sendVerificationEmail } from "@/lib/account/email-verification";
import { AppError, zodFieldErrors } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { getLogger } from "@/lib/log";
import { clientIp } from "./client-ip";
import { GENERIC_LOGIN_ERROR, type AuthField, type AuthFormState } from "./form-state";
import { signIn, signOut } from "./index";
import {
  checkPassword,
  createChallenge,
  endChallenge,
  failChallenge,
  issueLoginTicket,
  readChallenge,
} from "./login";
import { DEVICE_COOKIE, deviceToken, isKnownDevice } from "./login-guard";
import { limitAuthAttempt, rateLimitMessage } from "./rate-limit";
import { registerUser } from "./register";
import { homePath, loginSchema, safeNextPath, signupSchema } from "./schemas";
import { getCurrentUser, revokeSessions } from "./session";
import { revokeSession } from "./sessions";
import { verifySecondFactor } from "./totp";

const log = getLogger("auth");
const CHALLENGE_COOKIE = "tp_2fa";
const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);

function fieldErrors(error: z.ZodError): AuthFormState["fieldErrors"] {
  return zodFieldErrors(error) as Partial<Record<AuthField, string>>;
}

async function secureCookies(): Promise<boolean> {
  return (await headers()).get("x-forwarded-proto") === "https";
}

// signIn() reports success by throwing Next's redirect; only Auth.js errors mean a failed sign-in.
async function signInWithTicket(userId: number, redirectTo: string, email?: string): Promise<AuthFormState> {
  try {
    await signIn("credentials", { ticket: await issueLoginTicket(userId), redirectTo });
  } catch (err) {
    if (err instanceof AuthError) return { error: GENERIC_LOGIN_ERROR, values: { email } };
    throw err;
  }
  return {};
}

// This browser has now fully signed in to the account: later failed-login delays for it do not apply here.
async function rememberDevice(email: string): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, deviceToken(email), {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookies(),
    path: "/",
    maxAge: 180 * 24 * 3600,
  });
}

/** Log in with email + password (form fields: email, password, next). Redirects on success or to the 2FA step. */
export async function login(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = text(formData.get("email"));
  const parsed = loginSchema.safeParse({ email, password: text(formData.get("password")) });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values: { email } };
  const jar = await cookies();
  const ip = clientIp(await headers());
  const knownDevice = isKnownDevice(jar.get(DEVICE_COOKIE)?.value, parsed.data.email);
  const checked = await checkPassword({ ...parsed.data, ip, knownDevice });
  if (!checked.ok) {
    const error = checked.reason === "limited" ? rateLimitMessage(checked.retryAfter) : GENERIC_LOGIN_ERROR;
    return { error, values: { email } };
  }
  // Without a page to return to, an admin starts in the console and everyone else on the dashboard.
  const next = safeNextPath(text(formData.get("next")), homePath(checked.user.role));
  if (checked.user.totpEnabledAt) {
    const challenge = await createChallenge(checked.user.id, next);
    const secure = await secureCookies();
    jar.set(CHALLENGE_COOKIE, challenge, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 300 });
    redirect("/login/two-factor");
  }
  await rememberDevice(checked.user.email);
  return signInWithTicket(checked.user.id, next, email);
}

/** The second step for a user with 2FA: a code from the app or a recovery code (form field: code). */
export async function verifyLoginCode(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const jar = await cookies();
  const id = jar.get(CHALLENGE_COOKIE)?.value;
  const challenge = await readChallenge(id);
  if (!id || !challenge) return { error: "Your sign-in timed out. Log in again." };
  const code = text(formData.get("code"))?.trim() ?? "";
  if (!code) return { fieldErrors: { code: "Enter the 6-digit code from your app" } };
  if (!(await verifySecondFactor(challenge.userId, code))) {
    log.info({ reason: "second_factor" }, "login refused");
    const more = await failChallenge(id, challenge);
    return more
      ? { fieldErrors: { code: "That code is not right (or was already used)" } }
      : { error: "Too many wrong codes. Log in again." };
  }
  await endChallenge(id);
  jar.delete(CHALLENGE_COOKIE);
  const user = await db.query.users.findFirst({
    where: eq(users.id, challenge.userId),
    columns: { email: true },
  });
  if (user) await rememberDevice(user.email);
  return signInWithTicket(challenge.userId, challenge.next);
}

/** Create an account (form fields: name?, email, password), email the verification link, and sign in. */
export async function signup(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData.get("email")), name: text(formData.get("name")) };
  const ip = clientIp(await headers());
  const limited = await limitAuthAttempt("signup", ip, values.email);
  if (!limited.ok) return { error: rateLimitMessage(limited.retryAfter), values };
  const parsed = signupSchema.safeParse({ ...values, password: text(formData.get("password")) });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  let user: { id: number; email: string };
  try {
    user = await registerUser(parsed.data);
    await audit({ actorId: user.id, targetUserId: user.id, action: "user.signup", ip });
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict")
      return { fieldErrors: { email: err.message }, values, emailTaken: true };
    throw err;
  }
  await sendVerificationEmail({ id: user.id, email: user.email, name: parsed.data.name ?? null });
  await rememberDevice(user.email);
  return signInWithTicket(user.id, "/dashboard", user.email);
}

/** End this session on the server and in the browser, then go to the landing page (which confirms it). */
export async function logout(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeSession(user.sessionId);
  await signOut({ redirectTo: "/?loggedOut=1" });
}

/** End every session of the current user on every device, then this one. */
export async function logoutEverywhere(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await revokeSessions(user.id);
    await audit({ actorId: user.id, targetUserId: user.id, action: "user.logout_everywhere" });
  }
  await signOut({ redirectTo: "/login" });
}
