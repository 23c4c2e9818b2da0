import "server-only";
// The audit log for operators, filterable by user (actor or target) and action.
import { alias } from "drizzle-orm/mysql-core";
import { and, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";

export const AUDIT_PAGE_SIZE = 50;

/**
 * Filters: `userId` matches the actor or the target; `email` matches part of the actor's or the target's email;
 * `action` is a prefix (`admin.user` matches all user actions).
 */
export interface AuditFilter {
  userId?: number;
  email?: string;
  action?: string;
  page?: number;
}

/** The "User" box of the filter: a number is a user id, anything else part of an email address. */
export function parseUserFilter(value: string | undefined): Pick<AuditFilter, "userId" | "email"> {
  const v = value?.trim().toLowerCase() ?? "";
  if (!v) return {};
  if (/^#?\d{1,15}$/.test(v)) return { userId: Number(v.replace("#", "")) };
  return { email: v.slice(0, 254) };
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

const actor = alias(users, "actor");
const target = alias(users, "target");

/** One page of audit entries, newest first, with actor and target emails. */
export async function listAudit({ userId, email, action, page = 1 }: AuditFilter) {
  const conds: SQL[] = [];
  if (userId) conds.push(or(eq(auditLog.actorId, userId), eq(auditLog.targetUserId, userId))!);
  if (email) {
    const pattern = `%${escapeLike(email)}%`;
    conds.push(or(like(actor.email, pattern), like(target.email, pattern))!);
  }
  if (action) conds.push(like(auditLog.action, `${escapeLike(action)}%`));
  const where = conds.length ? and(...conds) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(target, eq(target.id, auditLog.targetUserId))
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
