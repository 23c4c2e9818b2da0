// drizzle-kit: `npm run db:generate` writes SQL migrations from db/schema; `npm run db:migrate` applies them.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "mysql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
