import "server-only";
// Structured JSON logs (pino). Secrets are redacted by path wherever they might ride along.
import pino from "pino";
import { env } from "@/lib/env";

/** Field names that must never reach a log line, at the top level or one/two levels down. */
export const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "apiKey",
  "apiSecret",
  "secret",
  "apiKeyEnc",
  "apiSecretEnc",
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "AUTH_SECRET",
  "ENCRYPTION_KEYS",
  "OPENAI_API_KEY",
  "STRIPE_SECRET_KEY",
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [
  k,
  `*.${k}`,
  `*.*.${k}`,
  `headers.${k}`,
  `req.headers.${k}`,
]);

/** The process logger; use `logger.child({ component })` per module. */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { pid: process.pid },
  redact: { paths: redactPaths, censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** A child logger for one component (`worker`, `auth`, `market-feed`, …). */
export function getLogger(component: string) {
  return logger.child({ component });
}
