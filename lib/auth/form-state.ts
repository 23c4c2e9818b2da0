// The state a login or sign-up form shows after a submit: one message and per-field messages.
/** The one message for every login failure: no way to tell a wrong email from a wrong password. */
export const GENERIC_LOGIN_ERROR = "Invalid email or password.";

export type AuthField = "name" | "email" | "password" | "code";

export interface AuthFormState {
  /** A message for the whole form (wrong credentials, rate limit, server error). */
  error?: string;
  fieldErrors?: Partial<Record<AuthField, string>>;
  /** Sign-up only: the email already has an account (the form links to the login page). */
  emailTaken?: boolean;
  /** Values echoed back so the form keeps them after an error (never the password). */
  values?: { email?: string; name?: string };
}

/** The signed-in user as the app shell sees it. */
export interface ShellUser {
  id: number;
  email: string;
  name: string | null;
  role: "user" | "admin";
  plan: "free" | "pro" | "elite";
  /** False on a self-hosted install without Stripe (every feature on); the plan card says so. */
  billingEnabled?: boolean;
}
