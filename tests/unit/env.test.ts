// lib/env: defaults in development, refusal in production without secrets, named errors for bad values.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("parseEnv", () => {
  it("gives development safe defaults and a generated secret that persists", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "tp-env-"));
    const env = parseEnv({ NODE_ENV: "development" }, cwd);
    expect(env.DATABASE_URL).toBe("mysql://root@127.0.0.1:3306/tickpilot");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.ENCRYPTION_KEYS.get(1)?.length).toBe(32);
    // A second process (the worker) reads the same generated secrets.
    const again = parseEnv({ NODE_ENV: "development" }, cwd);
    expect(again.AUTH_SECRET).toBe(env.AUTH_SECRET);
    expect(JSON.parse(readFileSync(path.join(cwd, ".tickpilot/dev-secrets.json"), "utf8")).authSecret).toBe(
      env.AUTH_SECRET,
    );
  });

  it("refuses to start in production without AUTH_SECRET, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ENCRYPTION_KEYS: `1:${KEY}` })).toThrowError(
      /Missing required environment variable in production: AUTH_SECRET$/,
    );
  });

  it("refuses to start in production without ENCRYPTION_KEYS, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(40) })).toThrowError(
      /: ENCRYPTION_KEYS$/,
    );
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/AUTH_SECRET, ENCRYPTION_KEYS/);
  });

  it("starts in production with both set, and allows next build without them", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      AUTH_SECRET: "s".repeat(40),
      ENCRYPTION_KEYS: `2:${KEY},1:${KEY}`,
    });
    expect([...env.ENCRYPTION_KEYS.keys()].sort()).toEqual([1, 2]);
    const cwd = mkdtempSync(path.join(tmpdir(), "tp-env-"));
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }, cwd),
    ).not.toThrow();
  });

  it("names the variable when a value is malformed", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrowError(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrowError(
      /DATABASE_URL: must be a mysql:\/\/ URL/,
    );
    expect(() => parseEnv({ ENCRYPTION_KEYS: "1:tooshort" })).toThrowError(/ENCRYPTION_KEYS: each entry/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrowError(/AUTH_SECRET: must be at least 32/);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "zero" })).toThrowError(/DATABASE_POOL_SIZE/);
  });
});
