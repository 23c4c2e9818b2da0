import "server-only";
// Validated environment: the only module that applies the rules (lib/env-schema.ts) to process.env, once, when it is
// first imported. A bad value fails at start, naming the variable. It only validates: loading .env files is each
// process's explicit first step (lib/load-env.ts), and the secrets are generated into .env by the start scripts
// (scripts/ensure-env.mjs), never by importing this.
import { parseEnv, type Env } from "./env-schema";

export { EnvError, parseEnv, type Env } from "./env-schema";

/** This process's environment. */
export const env: Env = parseEnv(process.env);
