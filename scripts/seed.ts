// `npm run db:seed`: create the demo user and the admin if they are missing (idempotent); both count as verified.
// Passwords come from DEMO_PASSWORD / ADMIN_PASSWORD, or are generated once and kept in .tickpilot/credentials.json.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { registerUser } from "@/lib/auth/register";
import { closeRedis } from "@/lib/redis";

const FILE = path.join(process.cwd(), ".tickpilot", "credentials.json");
type Stored = Record<string, string>;

function stored(): Stored {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as Stored) : {};
}

/** Ensure one account exists; returns the password when this run created it or knows it. */
async function ensureUser(email: string, envPassword: string | undefined, role: "user" | "admin") {
  const existing = await db.query.users.findFirst({ where: eq(users.email, email) });
  const known = stored();
  if (existing) {
    if (existing.role !== role) await db.update(users).set({ role }).where(eq(users.id, existing.id));
    return { email, password: envPassword ?? known[email], created: false };
  }
  const password = envPassword ?? randomBytes(9).toString("base64url");
  await registerUser({ email, password, name: role === "admin" ? "Admin" : "Demo Trader" }, { role });
  if (!envPassword) {
    mkdirSync(path.dirname(FILE), { recursive: true });
    writeFileSync(FILE, JSON.stringify({ ...known, [email]: password }, null, 2), { mode: 0o600 });
  }
  return { email, password, created: true };
}

async function main(): Promise<void> {
  const demo = await ensureUser(env.DEMO_EMAIL, env.DEMO_PASSWORD, "user");
  const admin = await ensureUser(env.ADMIN_EMAIL, env.ADMIN_PASSWORD, "admin");
  // The seeded addresses cannot receive mail: they count as confirmed. The admin sets up two-factor
  // authentication on their first visit to /admin (the console needs it).
  await db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(inArray(users.email, [demo.email, admin.email]), isNull(users.emailVerifiedAt)));
  for (const [label, acct] of [
    ["demo user", demo],
    ["admin", admin],
  ] as const) {
    const pw =
      acct.password ?? "(set before; see DEMO_PASSWORD/ADMIN_PASSWORD or .tickpilot/credentials.json)";
    const note = label === "admin" ? "  (two-factor set-up on first visit to /admin)" : "";
    console.log(
      `${acct.created ? "created" : "exists "} ${label.padEnd(9)} ${acct.email}  password: ${pw}${note}`,
    );
  }
}

main()
  .then(async () => {
    await closeDb();
    await closeRedis();
  })
  .catch(async (err: unknown) => {
    console.error("seed failed:", err instanceof Error ? err.message : err);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
