import "server-only";
// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane).
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when the email is unknown keeps both failure paths equally slow.
let dummyHash: Promise<string> | undefined;

/** Check a password against a stored hash (or a dummy when there is no user), never throwing. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(
      storedHash ?? (await (dummyHash ??= hashPassword("not-a-real-password"))),
      password,
    );
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}
