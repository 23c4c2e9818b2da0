// Test helpers that read what landed in the database.
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";

/** Number of rows in users (optionally only with this email). */
export async function countUsers(email?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(email ? eq(users.email, email) : undefined);
  return row?.n ?? 0;
}

let emailCounter = 0;
/** A unique email for one test (a counter too: thousands are made in the same millisecond by the benches). */
export function uniqueEmail(tag = "user"): string {
  const n = (++emailCounter).toString(36);
  return `${tag}.${Date.now().toString(36)}.${n}${Math.random().toString(36).slice(2, 8)}@example.com`;
}

let ipCounter = 0;
/** A distinct client IP per call, so per-IP limits of one test do not bleed into the next. */
export function uniqueIp(): string {
  ipCounter += 1;
  return `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${ipCounter % 250}`;
}
