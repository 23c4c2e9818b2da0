// The state a login or sign-up form shows after a submit: one message and per-field messages.
export type AuthField = "name" | "email" | "password";

export interface AuthFormState {
  /** A message for the whole form (wrong credentials, rate limit, server error). */
  error?: string;
  fieldErrors?: Partial<Record<AuthField, string>>;
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
}
