// People who use Tickpilot: credentials, role, status, plan, email verification, the second factor, and the session
// version that revokes every JWT at once.
import {
  bigint,
  datetime,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";

export const USER_ROLES = ["user", "admin"] as const;
export const USER_STATUSES = ["active", "suspended"] as const;
export const USER_PLANS = ["free", "pro", "elite"] as const;

/** Primary keys everywhere: unsigned BIGINT AUTO_INCREMENT, read as numbers. */
export const id = () => bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey();
/** A foreign-key column holding another table's id. */
export const ref = (name: string) => bigint(name, { mode: "number", unsigned: true });
/** Creation time, set by MySQL, millisecond precision. */
export const createdAt = () =>
  datetime("created_at", { mode: "date", fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`);
/** Last update time, maintained by MySQL. */
export const updatedAt = () =>
  datetime("updated_at", { mode: "date", fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());

export const users = mysqlTable(
  "users",
  {
    id: id(),
    email: varchar("email", { length: 254 }).notNull(),
    name: varchar("name", { length: 100 }),
    passwordHash: varchar("password_hash", { length: 255 }).notNull(),
    role: mysqlEnum("role", USER_ROLES).notNull().default("user"),
    status: mysqlEnum("status", USER_STATUSES).notNull().default("active"),
    plan: mysqlEnum("plan", USER_PLANS).notNull().default("free"),
    /** Bumped to end every session of this user at their next request. */
    sessionVersion: int("session_version").notNull().default(1),
    stripeCustomerId: varchar("stripe_customer_id", { length: 64 }),
    /** When the user proved they own `email` (a live exchange key needs it). */
    emailVerifiedAt: datetime("email_verified_at", { mode: "date", fsp: 3 }),
    passwordChangedAt: datetime("password_changed_at", { mode: "date", fsp: 3 }),
    /** TOTP secret in the vault (bound to this user); set while enrolling, in force once totpEnabledAt is set. */
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabledAt: datetime("totp_enabled_at", { mode: "date", fsp: 3 }),
    /** The last 30-second step a code was accepted for: a code is good once (no replay within its window). */
    totpLastStep: bigint("totp_last_step", { mode: "number", unsigned: true }),
    lastLoginAt: datetime("last_login_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    uniqueIndex("users_stripe_customer_uq").on(t.stripeCustomerId),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
