// Who did what (audit log) and installation-wide settings (kill switch, tick interval, model, budget).
import { datetime, index, json, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";
import { createdAt, id, ref, users } from "./users";

export const auditLog = mysqlTable(
  "audit_log",
  {
    id: id(),
    /** The person who acted; null for the system (workers, webhooks). */
    actorId: ref("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The user the action concerns, when there is one. */
    targetUserId: ref("target_user_id").references(() => users.id, { onDelete: "set null" }),
    action: varchar("action", { length: 64 }).notNull(),
    targetType: varchar("target_type", { length: 32 }),
    targetId: varchar("target_id", { length: 64 }),
    /** Details without secrets. */
    metadata: json("metadata").$type<Record<string, unknown>>(),
    ip: varchar("ip", { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_target_idx").on(t.targetUserId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);

export const systemSettings = mysqlTable("system_settings", {
  key: varchar("key", { length: 64 }).primaryKey(),
  value: json("value").$type<unknown>().notNull(),
  updatedBy: ref("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: datetime("updated_at", { mode: "date", fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`),
});

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type SystemSetting = typeof systemSettings.$inferSelect;
