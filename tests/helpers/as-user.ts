// Route-handler tests run the real handlers against the real database as a chosen signed-in user.
// Only the session lookup is replaced (Auth.js needs a request context); everything after it is real.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session-user";
import { createSession } from "@/lib/auth/sessions";

let current: CurrentUser | null = null;

/** Make `userId` the signed-in user for the following handler calls (null = signed out). */
export async function signInAs(userId: number | null): Promise<void> {
  const row =
    userId === null
      ? undefined
      : await db.query.users.findFirst({
          where: eq(users.id, userId),
          columns: { passwordHash: false, totpSecretEnc: false },
        });
  current = row
    ? { ...row, sessionId: await createSession(row.id, { ip: "127.0.0.1", userAgent: "vitest" }) }
    : null;
}

/** The module factory for `vi.mock("@/lib/auth/session", sessionMock)`. */
export async function sessionMock(importOriginal: () => Promise<typeof import("@/lib/auth/session")>) {
  const { AppError } = await import("@/lib/api/errors");
  const original = await importOriginal();
  return {
    ...original,
    getCurrentUser: async () => current,
    requireApiUser: async () => {
      if (!current) throw new AppError("unauthorized", "Sign in to continue");
      return current;
    },
    requireApiAdmin: async () => {
      if (!current || current.role !== "admin") throw new AppError("not_found", "Not found");
      if (!current.totpEnabledAt) throw new AppError("forbidden", "Turn on two-factor authentication");
      return current;
    },
  };
}

/** A JSON request to a route handler. */
export function jsonRequest(url: string, method = "GET", body?: unknown): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
