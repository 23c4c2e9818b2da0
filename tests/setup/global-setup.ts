// Vitest global setup: one database and Redis prefix per run, provided to every test file.
import type { TestProject } from "vitest/node";
import { createTestEnv, destroyTestEnv, type TestEnv } from "./test-env";

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}

export default async function setup(project: TestProject) {
  const env = await createTestEnv("int");
  project.provide("testEnv", env);
  return async () => {
    if (process.env.KEEP_TEST_DB !== "1") await destroyTestEnv(env);
  };
}
