// The environment's rules: every variable Tickpilot reads, validated with zod. Pure (no process.env, no files):
// lib/env.ts applies it to this process; the web server's entry (server.ts) applies it before Next starts.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { trustProxySchema } from "./http/trusted-proxies";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

/** `ENCRYPTION_KEYS`: comma-separated `version:base64key` pairs, each key exactly 32 bytes. */
const encryptionKeys = z.string().transform((raw, ctx) => {
  const keys = new Map<number, Buffer>();
  for (const part of raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,6}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    const key = match ? Buffer.from(match[2]!, "base64") : null;
    if (!match || !key || key.length !== 32) {
      ctx.addIssue({ code: "custom", message: "each entry must be version:base64 of 32 random bytes" });
      return z.NEVER;
    }
    keys.set(Number(match[1]), key);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: "custom", message: "at least one key is required" });
    return z.NEVER;
  }
  return keys;
});

/**
 * Shipped execution defaults, chosen from bench/fanout.ts runs (README "Benchmarks", docs/fanout.md): jobs in
 * flight per worker process, and MySQL connections per process. The exchange's limits never depend on them (every
 * live call takes a token from the per-IP bucket first, docs/scaling.md).
 */
export const EXECUTE_CONCURRENCY_DEFAULT = 1000;
export const DATABASE_POOL_SIZE_DEFAULT = 20;

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\//, "must be a mysql:// URL")
    .default("mysql://root@127.0.0.1:3306/tickpilot"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(DATABASE_POOL_SIZE_DEFAULT),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .default("redis://127.0.0.1:6379"),
  /** Prefix for every Redis key and channel Tickpilot writes (BullMQ's keys included). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*:?$/, "letters, digits, _ and - followed by an optional colon")
    .default("tp:"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEYS: encryptionKeys.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_EMAIL: z.email().default("demo@tickpilot.local"),
  DEMO_PASSWORD: optionalString.pipe(z.string().min(10).optional()),
  ADMIN_EMAIL: z.email().default("admin@tickpilot.local"),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(10).optional()),
  /** Auth rate limits: attempts per window, per IP and per email. */
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** Exchange key checks (POST /api/exchange-keys, each one calls the exchange) per user per hour. */
  EXCHANGE_KEY_CHECKS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** How often an open live stream (/api/stream) checks that its session is still valid. */
  STREAM_SESSION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * The reverse proxies in front of the web app whose X-Forwarded-For / -Proto / -Host are believed: IPs, CIDRs,
   * `loopback` or `private`, comma-separated. Empty (default): the client IP is the socket's peer.
   */
  TRUST_PROXY: trustProxySchema,
  /** Port and interface the web server (server.ts) listens on. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  /** Which parts a worker process runs, comma-separated (e.g. `feed` or `decide,execute`); `all` runs everything. */
  WORKER_ROLES: z
    .string()
    .default("all")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Where candles come from: the bundled replay of real Binance data, or live Bybit via ccxt. */
  MARKET_SOURCE: z.enum(["replay", "bybit"]).default("replay"),
  /** Symbols the feed and the decision loop serve, comma-separated (USDT perpetuals, e.g. BTCUSDT). */
  MARKET_SYMBOLS: z
    .string()
    .default("BTCUSDT")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Z0-9]{2,20}USDT$/, "symbols look like BTCUSDT")).min(1)),
  // ── Decision loop ──
  /** `builtin` (indicator strategy) or `openai` (any OpenAI-compatible server); default: openai when a key is set. */
  DECISION_PROVIDER: z.enum(["builtin", "openai"]).optional(),
  OPENAI_API_KEY: optionalString,
  /** Any OpenAI-compatible server, e.g. http://localhost:11434/v1; unset = api.openai.com. */
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Upper bound on the tokens of one answer (`max_completion_tokens`); a decision needs about 100. */
  OPENAI_MAX_COMPLETION_TOKENS: z.coerce.number().int().min(50).max(4000).default(300),
  /** USD per million prompt / completion tokens for a model missing from the admin's price table. */
  OPENAI_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).default(0.15),
  OPENAI_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).default(0.6),
  /** LLM tokens allowed per UTC day (all symbols); unset = derived from symbols, groups and ticks per day. */
  DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).optional(),
  /** Seconds between decision ticks (at the candle boundary); an admin can override it in minutes. */
  TICK_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** Closed 1m candles read per decision (52 h: enough for fifty whole 1h bars); the prompt shows a compact part. */
  DECISION_HISTORY_MINUTES: z.coerce.number().int().min(30).max(5000).default(3120),
  /** How long a tick waits for the candle that closed at its boundary before holding as stale. */
  DECISION_CANDLE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** Provider calls (decision groups) in flight at once per tick. */
  DECISION_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /** Time a tick may take from its boundary; unset = 80 % of the tick interval. Later groups hold. */
  DECISION_TICK_BUDGET_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  /** Days full prompts and raw answers are kept per decision; after that only their hash and size remain. */
  PROMPT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(14),
  /** Days each user's record of the decisions they received (history, holds in the trade log) is kept. */
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Consecutive provider failures after which a symbol enters safe mode (hold) until a call succeeds. */
  SAFE_MODE_AFTER_FAILURES: z.coerce.number().int().min(1).default(3),
  /** Parallel execute jobs per worker process. */
  EXECUTE_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(EXECUTE_CONCURRENCY_DEFAULT),
  /** An execute (and decide) job's lock; a crashed worker's jobs are picked up again within ≈ 1.5 × this. */
  EXECUTE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(8_000),
  /** Seconds between sweeper passes (pending order rows without a live job, fan-outs cut short by Redis). */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** Order rows pending longer than this make /api/health degraded (they should be final within seconds). */
  STUCK_PENDING_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
  // ── Backtests and the public track record ──
  /** Backtests one user may start per hour. */
  BACKTESTS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  /** The most one LLM backtest may spend (USD); a user may ask for less, never more. */
  BACKTEST_LLM_MAX_COST_USD: z.coerce.number().min(0).max(1000).default(1),
  /** What one user's LLM backtests may spend per UTC day (USD). */
  BACKTEST_LLM_DAILY_USD: z.coerce.number().min(0).max(10_000).default(3),
  /** Backtests one worker process runs at once (each is CPU-bound for a few seconds). */
  BACKTEST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // ── Market feed (issue #4) ──
  /** Replay speed factor: 1 = real time, 60 = one replayed candle per second (demos, tests). */
  REPLAY_SPEED: z.coerce.number().min(0.1).max(10_000).default(1),
  /** CSV (optionally .gz) of 1m candles `timestamp,open,high,low,close,volume`; default the bundled file. */
  REPLAY_DATA_PATH: optionalString,
  /** Base URL override for Bybit REST (tests point ccxt at a local fake); unset = the real api.bybit.com. */
  BYBIT_API_URL: optionalString.pipe(z.url().optional()),
  /** Base URL replacing Binance's API hosts, paths kept (tests point ccxt at a local fake); unset = Binance itself. */
  BINANCE_API_URL: optionalString.pipe(z.url().optional()),
  /** Base URL override for OKX REST (tests point ccxt at a local fake); unset = the real www.okx.com. */
  OKX_API_URL: optionalString.pipe(z.url().optional()),
  /** WebSocket base URL override for Bybit's private stream (tests); unset = the real stream.bybit.com. */
  BYBIT_PRIVATE_WS_URL: optionalString.pipe(z.url().optional()),
  /** WebSocket URL override for Bybit public streams (tests); unset = the real stream.bybit.com. */
  BYBIT_WS_URL: optionalString.pipe(z.url().optional()),
  // ── Exchange accounts, the ccxt adapter and the paper exchange ──
  /** Timeout for one exchange HTTP call, in ms (key validation and orders). */
  EXCHANGE_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Paper exchange: market-order slippage in basis points (2 = 0.02 %). */
  PAPER_SLIPPAGE_BPS: z.coerce.number().min(0).max(500).default(2),
  /** Paper exchange: taker fee as a fraction of notional (0.00055 = 0.055 %). */
  PAPER_TAKER_FEE: z.coerce.number().min(0).max(0.01).default(0.00055),
  /** Paper exchange: maintenance margin rate; a position is liquidated when its margin falls to it. */
  PAPER_MAINTENANCE_MARGIN: z.coerce.number().min(0).max(0.5).default(0.005),
  /** Paper exchange: starting (and reset) balance in USDT. */
  PAPER_INITIAL_BALANCE: z.coerce.number().positive().max(1e9).default(10_000),
  // ── Fan-out benchmark (issue #5) ──
  /** For benchmarks: simulated exchange round-trip per paper call, in ms (0 = none). */
  PAPER_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  /**
   * Which egress IP this worker's exchange calls leave from: workers sharing one IP share one rate-limit
   * bucket per exchange (Bybit limits REST calls per IP). Give each machine with its own public IP its own id.
   */
  EGRESS_IP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, "letters, digits and . _ : - only")
    .default("default"),
  /** Live accounts with something open are reconciled at least this often (seconds). */
  RECONCILE_OPEN_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  /** Live accounts with auto-trading on and nothing open are reconciled at least this often (seconds). */
  RECONCILE_IDLE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  /** Private WebSocket streams (new orders, fills, positions) one worker keeps open, busiest accounts first. */
  RECONCILE_STREAMS_MAX: z.coerce.number().int().min(0).max(10_000).default(200),
  /** Execution skips an order when the price moved more than this fraction since the decision (0.01 = 1 %). */
  EXECUTION_MAX_PRICE_MOVE: z.coerce.number().min(0.0005).max(0.5).default(0.01),
  /** Execution skips an order when the newest candle is older than this (seconds): the feed is stale. */
  EXECUTION_MAX_FEED_AGE_SECONDS: z.coerce.number().int().min(10).max(3600).default(180),
  /** Alerts one signal source may send per minute; more get 429 with Retry-After. */
  SIGNAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(10),
  /** Share of an exchange's published rate limits Tickpilot's shared buckets allow (headroom for others). */
  EXCHANGE_RATE_LIMIT_SHARE: z.coerce.number().min(0.1).max(1).default(0.8),
  /** Public IPs the workers call exchanges from, comma-separated; shown so users can whitelist them. */
  WORKER_EGRESS_IPS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // --- Billing (Stripe) ---
  /** Billing is off (self-hosted, every feature on) unless this is set. */
  STRIPE_SECRET_KEY: optionalString,
  /** Signing secret of the webhook endpoint (`whsec_…`); webhooks are refused without it. */
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Stripe price ids (recurring) for the paid plans. */
  STRIPE_PRICE_PRO: optionalString,
  STRIPE_PRICE_ELITE: optionalString,
  /** Base URL of the Stripe API, for tests against a local fake (e.g. http://127.0.0.1:4010); unset = Stripe. */
  STRIPE_API_URL: optionalString.pipe(z.url().optional()),

  // ── Email ──
  /**
   * SMTP server for account emails (verification, password reset, security notices), e.g.
   * smtp://user:pass@smtp.example.com:587 or smtps://…:465. Unset: mails go to the outbox the admin console shows.
   */
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  /** The From address of account emails; default `Tickpilot <no-reply@APP_URL's host>`. */
  MAIL_FROM: optionalString,

  // ── Notifications (Telegram, signed webhooks) ──
  /** Telegram bot token (from @BotFather); unset = the Telegram channel is off. */
  TELEGRAM_BOT_TOKEN: optionalString,
  /** The bot's username (without @), for the deep link https://t.me/<bot>?start=<token>. */
  TELEGRAM_BOT_USERNAME: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_]{3,64}$/, "letters, digits and _ only (no @)")
      .optional(),
  ),
  /** Base URL of the Telegram Bot API (tests point it at a local fake). */
  TELEGRAM_API_URL: z.url().default("https://api.telegram.org"),
  /** The secret_token given to setWebhook: POST /api/telegram/webhook refuses updates without it. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 of A-Z, a-z, 0-9, _ and -")
      .optional(),
  ),
  /** Allow signed webhooks to private, loopback and link-local addresses (self-hosted setups, tests). */
  NOTIFY_ALLOW_PRIVATE_WEBHOOKS: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** First retry delay of a failed delivery (ms); each further retry waits twice as long. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  /** Delivery attempts per (event, channel) before giving up. */
  NOTIFY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),

  // ── operations (admin console, metrics) ──
  /** Bearer token for GET /api/metrics; unset = the endpoint answers 404. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
});

export type Env = Omit<z.infer<typeof schema>, "AUTH_SECRET" | "ENCRYPTION_KEYS"> & {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: Map<number, Buffer>;
};

/** Thrown when the environment is invalid; the message names each bad variable. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Validate an environment object; exported for tests, the app uses `env`. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  const { AUTH_SECRET, ENCRYPTION_KEYS } = parsed;
  if (AUTH_SECRET && ENCRYPTION_KEYS) return { ...parsed, AUTH_SECRET, ENCRYPTION_KEYS };
  // `next build` imports the app without running it: a throwaway secret that signs and encrypts nothing.
  if (source.NEXT_PHASE === "phase-production-build") {
    return {
      ...parsed,
      AUTH_SECRET: AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: ENCRYPTION_KEYS ?? new Map([[1, randomBytes(32)]]),
    };
  }
  const missing = (["AUTH_SECRET", "ENCRYPTION_KEYS"] as const).filter((k) => !parsed[k]);
  const hint =
    parsed.NODE_ENV === "production"
      ? ""
      : " (`npm run dev` and `npm start` generate them into .env: node scripts/ensure-env.mjs)";
  throw new EnvError(
    `Missing required environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}${hint}`,
  );
}
