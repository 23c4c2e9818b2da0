import "server-only";
// Creating an account: validated input, a hashed password, and the user's starting rows, all in one transaction.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { provisionNewUser } from "@/lib/accounts/provision";
import { hashPassword } from "./password";
import type { SignupInput } from "./schemas";

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists. Log in instead.";

/** Whether a MySQL error is a unique-key violation (drizzle wraps the driver error in `cause`). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "ER_DUP_ENTRY" || e?.cause?.code === "ER_DUP_ENTRY";
}

/** Create a user from validated input; a taken email is a 409 and writes nothing. */
export async function registerUser(
  input: SignupInput,
  opts: { role?: "user" | "admin" } = {},
): Promise<{ id: number; email: string }> {
  const existing = await db.query.users.findFirst({
    where: eq(users.email, input.email),
    columns: { id: true },
  });
  if (existing)
    throw new AppError("conflict", DUPLICATE_EMAIL_MESSAGE, { fields: { email: DUPLICATE_EMAIL_MESSAGE } });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name ?? null, passwordHash, role: opts.role ?? "user" })
        .$returningId();
      if (!row) throw new Error("insert returned no id");
      await provisionNewUser(tx, row.id);
      return { id: row.id, email: input.email };
    });
  } catch (err) {
    // Two sign-ups racing for one email: the unique key decides, the loser gets the same 409.
    if (isDuplicateKey(err)) {
      throw new AppError("conflict", DUPLICATE_EMAIL_MESSAGE, { fields: { email: DUPLICATE_EMAIL_MESSAGE } });
    }
    throw err;
  }
}
