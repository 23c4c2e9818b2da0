import "server-only";
// The audit log for operators, filterable by user (actor or target) and action.
import { alias } from "drizzle-orm/mysql-core";
import { and, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";

export const AUDIT_PAGE_SIZE = 50;

/** Filters: `userId` matches the actor or the target; `action` is a prefix (`admin.user` matches all user actions). */
export interface AuditFilter {
  userId?: number;
  action?: string;
  page?: number;
}

const actor = alias(users, "actor");
const target = alias(users, "target");

/** One page of audit entries, newest first, with actor and target emails. */
export async function listAudit({ userId, action, page = 1 }: AuditFilter) {
  const conds: SQL[] = [];
  if (userId) conds.push(or(eq(auditLog.actorId, userId), eq(auditLog.targetUserId, userId))!);
  if (action) conds.push(like(auditLog.action, `${action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = conds.length ? and(...conds) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorEmail: actor.email,
      targetUserId: auditLog.targetUserId,
      targetEmail: target.email,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      metadata: auditLog.metadata,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(target, eq(target.id, auditLog.targetUserId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE);
  return { rows, total: Number(countRow?.n ?? 0) };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>["rows"][number];

/** Distinct actions seen, for the filter menu. */
export async function auditActions(): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .limit(200);
  return rows.map((r) => r.action);
}
