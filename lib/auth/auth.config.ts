// Auth.js settings without providers or database access: shared by proxy.ts and lib/auth.
import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";

const log = getLogger("auth");

declare module "next-auth" {
  interface User {
    role?: "user" | "admin";
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    sessionVersion?: number;
    /** The server-side session row (lib/auth/sessions.ts) this cookie belongs to. */
    sessionId?: string;
    /** The role the token was issued with; proxy.ts uses it only to 404 /admin early (pages re-check in MySQL). */
    role?: "user" | "admin";
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: "user" | "admin";
    sv?: number;
    sid?: string;
  }
}

/** Auth.js error types that are a visitor's doing, not ours: how each is logged (null: already logged). */
export const EXPECTED_AUTH_ERRORS: Record<string, { level: "info" | "warn"; message: string } | null> = {
  // The login code has already logged the refusal with its reason, once, at info.
  CredentialsSignin: null,
  JWTSessionError: { level: "warn", message: "session cookie could not be read (ignored)" },
  MissingCSRF: { level: "warn", message: "auth request without a valid CSRF token refused" },
  UnknownAction: { level: "warn", message: "unknown auth action requested" },
};

export const authConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Matches the server-side session's lifetime (lib/auth/sessions.ts).
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  // Failed logins and garbage cookies are expected traffic that anyone can produce: one line at info/warn without a
  // stack, never an error. Auth.js errors are told apart by their `type`, which survives minification (their
  // class names do not in a production build).
  logger: {
    error(error) {
      const type = (error as { type?: string }).type;
      if (type !== undefined && type in EXPECTED_AUTH_ERRORS) {
        const expected = EXPECTED_AUTH_ERRORS[type];
        if (expected) log[expected.level]({ authError: type }, expected.message);
        return;
      }
      log.error({ err: error }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
    debug() {},
  },
  callbacks: {
    // The token carries the user id, role and the session version it was issued under.
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.role = user.role ?? "user";
        token.sv = user.sessionVersion ?? 1;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid;
      session.sessionVersion = token.sv;
      session.sessionId = token.sid;
      session.role = token.role;
      return session;
    },
  },
} satisfies NextAuthConfig;
