// The environment of one test run: its own MySQL database and its own Redis key prefix, removed afterwards.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { dropDatabase, migrateDatabase } from "@/db/migrate";

export interface TestEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  LOG_LEVEL: string;
}

/** Create a fresh database (migrated) and a unique Redis prefix for this run. */
export async function createTestEnv(label: string): Promise<TestEnv> {
  const runId = `${label}_${Date.now().toString(36)}_${process.pid}`;
  const base = process.env.TEST_DATABASE_SERVER_URL ?? "mysql://root@127.0.0.1:3306";
  const env: TestEnv = {
    DATABASE_URL: `${base}/tickpilot_test_${runId}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `tpt_${runId}:`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  };
  await migrateDatabase(env.DATABASE_URL);
  return env;
}

/** Drop the run's database and delete every Redis key under its prefix. */
export async function destroyTestEnv(env: TestEnv): Promise<void> {
  await dropDatabase(env.DATABASE_URL);
  const redis = new Redis(env.REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${env.REDIS_PREFIX}*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
