// Sign-up and login input rules, shared by the JSON API and the forms.
import { z } from "zod";

const email = z
  .string({ error: (i) => (i.input === undefined ? "Email is required" : "Email must be text") })
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

/** A new password: 10 to 200 characters. */
export const newPassword = z
  .string({ error: (i) => (i.input === undefined ? "Password is required" : "Password must be text") })
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters");

/** An email address, trimmed and lower-cased. */
export const emailField = email;

export const signupSchema = z.object({
  name: z
    .string({ error: "Name must be text" })
    .trim()
    .max(100, "Name must be at most 100 characters")
    .optional()
    .transform((v) => (v ? v : undefined)),
  email,
  password: newPassword,
});
/** Validated sign-up data (the name is optional). */
export type SignupInput = { email: string; password: string; name?: string };

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** A `next` redirect target is only ever a same-site path. */
export function safeNextPath(next: unknown, fallback = "/dashboard"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  return next;
}

/** Where a signed-in person starts when no page asked for them: admins in the console, others on the dashboard. */
export function homePath(role: "user" | "admin" | undefined): string {
  return role === "admin" ? "/admin" : "/dashboard";
}
