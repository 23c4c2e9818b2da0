// Create a database if it is missing and apply db/migrations to it. Used by `npm run db:migrate` and test setup.
import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import mysql from "mysql2/promise";
import path from "node:path";
import { SESSION_SETUP_SQL } from "./session";

/** The database name in a mysql:// URL, checked to be a plain identifier. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error("DATABASE_URL must name a database (letters, digits, _)");
  return name;
}

/** A connection to the server in `url` without selecting a database. */
export function serverConnection(url: string): Promise<mysql.Connection> {
  const parsed = new URL(url);
  parsed.pathname = "/";
  return mysql.createConnection({ uri: parsed.toString() });
}

/** Create the database named in `url` if needed, then apply every committed migration (safe to run twice). */
export async function migrateDatabase(url: string): Promise<void> {
  const database = databaseName(url);
  const admin = await serverConnection(url);
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const conn = await mysql.createConnection({ uri: url, timezone: "Z" });
  try {
    await conn.query(SESSION_SETUP_SQL);
    await migrate(drizzle(conn), { migrationsFolder: path.join(process.cwd(), "db/migrations") });
  } finally {
    await conn.end();
  }
}

/** Drop the database named in `url` (test teardown). */
export async function dropDatabase(url: string): Promise<void> {
  const admin = await serverConnection(url);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
  } finally {
    await admin.end();
  }
}
