// Expected auth failures (a wrong password, a garbage session cookie) are logged once, at info/warn, without a
// stack — also in a production build, where Auth.js's class names are minified. Real failures stay errors.
import { Writable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";

const lines = vi.hoisted(() => [] as string[]);
vi.mock("pino", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import("pino").default }).default;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { default: Object.assign((opts: object) => real({ ...opts, level: "info" } as never, sink), real) };
});

import { CallbackRouteError, CredentialsSignin, JWTSessionError } from "@auth/core/errors";
import { authConfig } from "@/lib/auth/auth.config";

// What a production build does to class names.
function minified<E extends Error>(err: E): E {
  err.name = "e";
  return err;
}

const parsed = () =>
  lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { stack?: string } });

beforeEach(() => {
  lines.length = 0;
});

describe("Auth.js logger", () => {
  it("a failed login (minified CredentialsSignin) is not an error line: the login code logged it once already", () => {
    authConfig.logger.error(minified(new CredentialsSignin()));
    expect(parsed()).toEqual([]);
  });

  it("a garbage session cookie (minified JWTSessionError) is one warn line without a stack", () => {
    authConfig.logger.error(
      minified(new JWTSessionError("Invalid Compact JWE", { cause: new Error("Invalid Compact JWE") })),
    );
    const out = parsed();
    expect(out).toHaveLength(1);
    expect(out[0]!.level).toBe(40);
    expect(out[0]!.msg).toMatch(/session cookie could not be read/);
    expect(lines[0]).not.toMatch(/stack|Invalid Compact JWE|at /);
  });

  it("anything else is still an error with its stack", () => {
    authConfig.logger.error(
      minified(new CallbackRouteError("database down", { cause: new Error("database down") })),
    );
    const out = parsed();
    expect(out).toHaveLength(1);
    expect(out[0]!.level).toBe(50);
    expect(out[0]!.err?.stack).toBeTruthy();
  });
});
