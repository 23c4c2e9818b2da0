// `npm run db:migrate`: create the database if it is missing, then apply the committed migrations (safe to re-run).
import { migrateDatabase } from "@/db/migrate";
import { env } from "@/lib/env";

migrateDatabase(env.DATABASE_URL)
  .then(() => console.log("migrations applied"))
  .catch((err: unknown) => {
    console.error("migration failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  });
