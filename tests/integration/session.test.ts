// Sessions are checked against MySQL on every request: suspension and "log out everywhere" end them at once.
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { registerUser } from "@/lib/auth/register";
import { loadSessionUser, revokeSessions } from "@/lib/auth/session-user";
import { closeRedis } from "@/lib/redis";
import { uniqueEmail } from "../helpers/db";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

async function signedIn() {
  const email = uniqueEmail("sess");
  await registerUser({ email, password: "longenough1" });
  const token = await authorizeCredentials({ email, password: "longenough1" });
  expect(token).not.toBeNull();
  return token!;
}

describe("credentials", () => {
  it("accepts the right password and refuses a wrong one or an unknown email the same way", async () => {
    const token = await signedIn();
    expect(await authorizeCredentials({ email: token.email, password: "wrong-password" })).toBeNull();
    expect(await authorizeCredentials({ email: uniqueEmail("nobody"), password: "longenough1" })).toBeNull();
    const row = await db.query.users.findFirst({ where: eq(users.email, token.email!) });
    expect(row?.lastLoginAt).toBeInstanceOf(Date);
  });
});

describe("session checks", () => {
  it("a valid session loads the user without the password hash", async () => {
    const token = await signedIn();
    const user = await loadSessionUser(token.id, token.sessionVersion, token.sessionId);
    expect(user?.email).toBe(token.email);
    expect(user && "passwordHash" in user).toBe(false);
  });

  it("a suspended user's existing session is rejected and they cannot log in again", async () => {
    const token = await signedIn();
    await db
      .update(users)
      .set({ status: "suspended" })
      .where(eq(users.id, Number(token.id)));
    expect(await loadSessionUser(token.id, token.sessionVersion, token.sessionId)).toBeNull();
    expect(await authorizeCredentials({ email: token.email, password: "longenough1" })).toBeNull();
  });

  it("log out everywhere: tokens issued before the bump stop working, a new login works", async () => {
    const token = await signedIn();
    await revokeSessions(Number(token.id));
    expect(await loadSessionUser(token.id, token.sessionVersion, token.sessionId)).toBeNull();
    const fresh = await authorizeCredentials({ email: token.email, password: "longenough1" });
    expect(fresh?.sessionVersion).toBe(token.sessionVersion! + 1);
    expect(await loadSessionUser(fresh!.id, fresh!.sessionVersion, fresh!.sessionId)).not.toBeNull();
  });

  it("a token for a user that does not exist, or with a garbage id, is rejected", async () => {
    const token = await signedIn();
    expect(await loadSessionUser("999999999", 1, token.sessionId)).toBeNull();
    expect(await loadSessionUser("abc", 1, token.sessionId)).toBeNull();
    expect(await loadSessionUser(undefined, undefined, undefined)).toBeNull();
    // A token from before server-side sessions (no session id) or with a made-up one is not a session.
    expect(await loadSessionUser(token.id, token.sessionVersion, undefined)).toBeNull();
    expect(await loadSessionUser(token.id, token.sessionVersion, "x".repeat(32))).toBeNull();
  });
});
