// The account lifecycle's own rows: server-side sessions (one per login, so one can be ended), single-use emailed
// tokens (email verification, password reset; only their hash is stored) and 2FA recovery codes (hashed).
import { char, datetime, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { createdAt, id, ref, users } from "./users";

/** One signed-in device. The JWT carries its id; a revoked or missing row ends that session at its next request. */
export const userSessions = mysqlTable(
  "user_sessions",
  {
    /** Random, 32 base64url characters; also the `sid` inside the session JWT. */
    id: varchar("id", { length: 32 }).primaryKey(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ip: varchar("ip", { length: 64 }),
    userAgent: varchar("user_agent", { length: 255 }),
    createdAt: createdAt(),
    lastSeenAt: datetime("last_seen_at", { mode: "date", fsp: 3 }),
    expiresAt: datetime("expires_at", { mode: "date", fsp: 3 }).notNull(),
    revokedAt: datetime("revoked_at", { mode: "date", fsp: 3 }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.revokedAt)],
);

export const AUTH_TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;

/** A single-use link sent by email. Only the SHA-256 of the token is stored; the link holds the token itself. */
export const authTokens = mysqlTable(
  "auth_tokens",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: mysqlEnum("purpose", AUTH_TOKEN_PURPOSES).notNull(),
    tokenHash: char("token_hash", { length: 64 }).notNull(),
    /** The address the link went to (verification proves this one, not a later one). */
    email: varchar("email", { length: 254 }).notNull(),
    expiresAt: datetime("expires_at", { mode: "date", fsp: 3 }).notNull(),
    usedAt: datetime("used_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("auth_tokens_hash_uq").on(t.tokenHash),
    index("auth_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

/** One-time recovery codes for a lost authenticator (hashed; each works once). */
export const recoveryCodes = mysqlTable(
  "recovery_codes",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: char("code_hash", { length: 64 }).notNull(),
    usedAt: datetime("used_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_uq").on(t.userId, t.codeHash)],
);

export type UserSession = typeof userSessions.$inferSelect;
export type AuthToken = typeof authTokens.$inferSelect;
