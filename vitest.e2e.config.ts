import path from "node:path";
import { defineConfig } from "vitest/config";

// Browser tests: Playwright (playwright-core + Debian Chromium) against `next start` and the worker.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts"),
    },
  },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file.ts", "tests/e2e/setup/fresh-limits.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    server: { deps: { inline: ["next-auth"] } },
  },
});
