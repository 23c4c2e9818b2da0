import "server-only";
// The audit log: who did what to whom. Callers pass a transaction when the action itself is transactional.
import { db, type Db } from "@/db";
import { auditLog, type NewAuditEntry } from "@/db/schema";

export type AuditInput = Omit<NewAuditEntry, "id" | "createdAt">;

type Executor = Pick<Db, "insert">;

/** Append one audit entry (inside `tx` when given). Metadata must never hold secrets. */
export async function audit(entry: AuditInput, tx: Executor = db): Promise<void> {
  await tx.insert(auditLog).values(entry);
}
