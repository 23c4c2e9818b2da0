// Auth.js settings without providers or database access: shared by proxy.ts and lib/auth.
import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";

const log = getLogger("auth");

declare module "next-auth" {
  interface User {
    role?: "user" | "admin";
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
    /** The role the token was issued with; proxy.ts uses it only to 404 /admin early (pages re-check in MySQL). */
    role?: "user" | "admin";
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: "user" | "admin";
    sv?: number;
  }
}

export const authConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  // Failed logins are expected traffic (logged by authorizeCredentials without the stack); the rest goes to pino.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin") return;
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
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid;
      session.sessionVersion = token.sv;
      session.role = token.role;
      return session;
    },
  },
} satisfies NextAuthConfig;
