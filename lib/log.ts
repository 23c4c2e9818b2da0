import "server-only";
// Structured JSON logs (pino). Secrets are redacted by path wherever they might ride along.
import pino from "pino";
import { env } from "@/lib/env";

/** Field names that must never reach a log line, at the top level or up to three levels down. */
export const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "apiKey",
  "apiSecret",
  "secret",
  "apiKeyEnc",
  "apiSecretEnc",
  "apiPassphrase",
  "apiPassphraseEnc",
  "passphrase",
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "AUTH_SECRET",
  "ENCRYPTION_KEYS",
  "OPENAI_API_KEY",
  "STRIPE_SECRET_KEY",
];

/** Redaction paths: each key at the top level and up to three levels down (pino wildcards match one level). */
export const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => [
  k,
  `*.${k}`,
  `*.*.${k}`,
  `*.*.*.${k}`,
  `headers.${k}`,
  `req.headers.${k}`,
  `res.headers.${k}`,
]);

/** A pino logger with Tickpilot's options; `destination` is for tests that read the JSON lines. */
export function createLogger(destination?: pino.DestinationStream, level: string = env.LOG_LEVEL) {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** The process logger; use `logger.child({ component })` per module. */
export const logger = createLogger();

/** A child logger for one component (`worker`, `auth`, `market-feed`, …). */
export function getLogger(component: string) {
  return logger.child({ component });
}
