// lib/env only validates: defaults, refusal without secrets (naming them), named errors for bad values, and
// importing it neither reads .env files nor writes anything. Loading .env is lib/load-env's explicit step.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const KEY = Buffer.alloc(32, 7).toString("base64");
const SECRETS = { AUTH_SECRET: "s".repeat(40), ENCRYPTION_KEYS: `1:${KEY}` };

describe("parseEnv", () => {
  it("gives safe defaults for everything but the two secrets", () => {
    const env = parseEnv({ NODE_ENV: "development", ...SECRETS });
    expect(env.DATABASE_URL).toBe("mysql://root@127.0.0.1:3306/tickpilot");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.AUTH_SECRET).toBe(SECRETS.AUTH_SECRET);
    expect(env.ENCRYPTION_KEYS.get(1)?.length).toBe(32);
  });

  it("refuses to start without AUTH_SECRET, naming it (and the fix outside production)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ENCRYPTION_KEYS: `1:${KEY}` })).toThrowError(
      /Missing required environment variable: AUTH_SECRET$/,
    );
    expect(() => parseEnv({ NODE_ENV: "development", ENCRYPTION_KEYS: `1:${KEY}` })).toThrowError(
      /AUTH_SECRET \(`npm run dev` and `npm start` generate them into \.env/,
    );
  });

  it("refuses to start without ENCRYPTION_KEYS, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(40) })).toThrowError(
      /: ENCRYPTION_KEYS$/,
    );
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/AUTH_SECRET, ENCRYPTION_KEYS/);
  });

  it("starts with both set, and lets next build import the app without them", () => {
    const env = parseEnv({ NODE_ENV: "production", ...SECRETS, ENCRYPTION_KEYS: `2:${KEY},1:${KEY}` });
    expect([...env.ENCRYPTION_KEYS.keys()].sort()).toEqual([1, 2]);
    const build = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(build.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names the variable when a value is malformed", () => {
    expect(() => parseEnv({ ...SECRETS, DATABASE_URL: "postgres://x" })).toThrowError(EnvError);
    expect(() => parseEnv({ ...SECRETS, DATABASE_URL: "postgres://x" })).toThrowError(
      /DATABASE_URL: must be a mysql:\/\/ URL/,
    );
    expect(() => parseEnv({ ...SECRETS, ENCRYPTION_KEYS: "1:tooshort" })).toThrowError(
      /ENCRYPTION_KEYS: each entry/,
    );
    expect(() => parseEnv({ ...SECRETS, AUTH_SECRET: "short" })).toThrowError(
      /AUTH_SECRET: must be at least 32/,
    );
    expect(() => parseEnv({ ...SECRETS, DATABASE_POOL_SIZE: "zero" })).toThrowError(/DATABASE_POOL_SIZE/);
  });
});

describe("loading the environment", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  // A fresh Node process working in a folder that holds only a .env file, so nothing else can leak in.
  function runIn(dir: string, code: string): string {
    const script = path.join(mkdtempSync(path.join(tmpdir(), "tp-env-script-")), "main.mts");
    writeFileSync(script, code);
    return execFileSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "--tsconfig", path.join(root, "tsconfig.json"), script],
      {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, NODE_ENV: "development", ...SECRETS },
      },
    ).trim();
  }

  it("importing lib/env reads no .env file and writes nothing; loadEnvFiles is the step that loads it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tp-env-"));
    writeFileSync(path.join(dir, ".env"), "MARKET_SYMBOLS=ETHUSDT\n");
    const envModule = JSON.stringify(path.join(root, "lib/env.ts"));
    const loadModule = JSON.stringify(path.join(root, "lib/load-env.ts"));
    const plain = runIn(
      dir,
      `const m = await import(${envModule});\nconsole.log(m.env.MARKET_SYMBOLS.join());`,
    );
    expect(plain).toBe("BTCUSDT");
    expect(readdirSync(dir)).toEqual([".env"]);
    const loaded = runIn(
      dir,
      `(await import(${loadModule})).loadEnvFiles();\n` +
        `console.log((await import(${envModule})).env.MARKET_SYMBOLS.join());`,
    );
    expect(loaded).toBe("ETHUSDT");
    expect(readdirSync(dir)).toEqual([".env"]);
  });
});
