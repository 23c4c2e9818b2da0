import "server-only";
// The MySQL pool and the drizzle client, one per process. All times are UTC.
import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { SESSION_SETUP_SQL } from "./session";

export type Db = MySql2Database<typeof schema>;

function createPool(): mysql.Pool {
  const pool = mysql.createPool({
    uri: env.DATABASE_URL,
    connectionLimit: env.DATABASE_POOL_SIZE,
    timezone: "Z",
    dateStrings: false,
    supportBigNumbers: true,
    // DECIMAL columns come back as strings; drizzle's number mode converts them.
    decimalNumbers: false,
    enableKeepAlive: true,
    waitForConnections: true,
  });
  pool.on("connection", (conn) => {
    // UTC for CURRENT_TIMESTAMP defaults, and a pinned sql_mode (see db/session.ts); queued before any query.
    conn.query(SESSION_SETUP_SQL);
  });
  return pool;
}

// Survive Next dev hot reloads without opening a new pool each time.
const globalForDb = globalThis as unknown as { __tpPool?: mysql.Pool; __tpDb?: Db };

/** The process-wide pool (for raw SQL and shutdown). */
export const pool: mysql.Pool = (globalForDb.__tpPool ??= createPool());

/** The drizzle client. */
export const db: Db = (globalForDb.__tpDb ??= drizzle(pool, { schema, mode: "default" }));

/** Close the pool (workers and scripts on shutdown). */
export async function closeDb(): Promise<void> {
  await pool.end();
  globalForDb.__tpPool = undefined;
  globalForDb.__tpDb = undefined;
}

export { schema };
