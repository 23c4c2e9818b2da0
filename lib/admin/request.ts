import "server-only";
// Admin route plumbing: the role check comes first in every handler, then ids are validated.
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiAdmin } from "@/lib/auth/session";
import type { AdminActor } from "./audit-action";

/** The signed-in admin as an audit actor; anyone else gets the 404 of a missing route. */
export async function requireAdminActor(req: Request): Promise<AdminActor> {
  const admin = await requireApiAdmin();
  return { id: admin.id, ip: clientIp(req.headers) };
}

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A numeric id from a URL segment; anything else is a 404 (no such thing). */
export function parseId(raw: string): number {
  const r = idSchema.safeParse(raw);
  if (!r.success || !/^\d+$/.test(raw)) throw new AppError("not_found", "Not found");
  return r.data;
}

/** `?page=` (1..10 000). */
export const pageParam = z.coerce.number().int().min(1).max(10_000).default(1);
