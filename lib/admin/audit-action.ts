import "server-only";
// Every admin action lands in the audit log: who (actor), what (action), when (createdAt), the target and the IP.
import { audit } from "@/lib/audit";
import type { Db } from "@/db";

type Executor = Pick<Db, "insert">;

/** Who is acting and from where; route handlers build it from the admin and the request headers. */
export interface AdminActor {
  id: number;
  ip: string | null;
}

/** What an admin did and to whom. */
export interface AdminActionEntry {
  action: `admin.${string}`;
  targetUserId?: number | null;
  targetType?: string | null;
  targetId?: string | number | null;
  metadata?: Record<string, unknown> | null;
}

/** Append one admin action to the audit log (inside `tx` when given). */
export async function auditAdmin(actor: AdminActor, entry: AdminActionEntry, tx?: Executor): Promise<void> {
  await audit(
    {
      actorId: actor.id,
      targetUserId: entry.targetUserId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      metadata: entry.metadata ?? null,
      ip: actor.ip,
    },
    tx,
  );
}
