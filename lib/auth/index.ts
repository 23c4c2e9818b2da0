import "server-only";
// The Auth.js instance: Credentials provider over the users table, JWT sessions.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./auth.config";
import { authorizeCredentials } from "./credentials";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: {
        email: { type: "email" },
        password: { type: "password" },
        code: { type: "text" },
        ticket: { type: "text" },
      },
      authorize: (credentials, request) => authorizeCredentials(credentials, request),
    }),
  ],
});
