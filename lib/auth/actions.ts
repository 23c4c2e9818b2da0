"use server";
// Server actions for the login and sign-up forms and for logging out.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { AppError, zodFieldErrors } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { clientIp } from "./client-ip";
import { GENERIC_LOGIN_ERROR, type AuthField, type AuthFormState } from "./form-state";
import { signIn, signOut } from "./index";
import { limitAuthAttempt, rateLimitMessage } from "./rate-limit";
import { registerUser } from "./register";
import { loginSchema, safeNextPath, signupSchema } from "./schemas";
import { getCurrentUser, revokeSessions } from "./session";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);

function fieldErrors(error: z.ZodError): AuthFormState["fieldErrors"] {
  return zodFieldErrors(error) as Partial<Record<AuthField, string>>;
}

// signIn() reports success by throwing Next's redirect; only Auth.js errors mean a failed login.
async function signInOrError(email: string, password: string, redirectTo: string): Promise<AuthFormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    if (err instanceof AuthError) return { error: GENERIC_LOGIN_ERROR, values: { email } };
    throw err;
  }
  return {};
}

/** Log in with email + password (form fields: email, password, next). Redirects on success. */
export async function login(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = text(formData.get("email"));
  const parsed = loginSchema.safeParse({ email, password: text(formData.get("password")) });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values: { email } };
  const limited = await limitAuthAttempt("login", clientIp(await headers()), parsed.data.email);
  if (!limited.ok) return { error: rateLimitMessage(limited.retryAfter), values: { email } };
  return signInOrError(parsed.data.email, parsed.data.password, safeNextPath(text(formData.get("next"))));
}

/** Create an account (form fields: name?, email, password) and sign in. Redirects to /dashboard on success. */
export async function signup(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData.get("email")), name: text(formData.get("name")) };
  const ip = clientIp(await headers());
  const limited = await limitAuthAttempt("signup", ip, values.email);
  if (!limited.ok) return { error: rateLimitMessage(limited.retryAfter), values };
  const parsed = signupSchema.safeParse({ ...values, password: text(formData.get("password")) });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    const user = await registerUser(parsed.data);
    await audit({ actorId: user.id, targetUserId: user.id, action: "user.signup", ip });
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict")
      return { fieldErrors: { email: err.message }, values };
    throw err;
  }
  return signInOrError(parsed.data.email, parsed.data.password, "/dashboard");
}

/** End the current session and go to the landing page. */
export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/" });
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
