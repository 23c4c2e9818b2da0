// Browser-test setup: a fresh database, then the production build (next start) and the worker process
// running against it. The app is reached at `baseURL`; everything is stopped and dropped afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startE2eFakeBybit } from "../../fakes/bybit";
import { startE2eFakeOkx } from "../../fakes/okx";
import { startFakeOpenAI } from "../../fakes/openai";
import { startFakeStripe } from "../../fakes/stripe";
import { startFakeTelegram } from "../../fakes/telegram";
import { createTestEnv, destroyTestEnv, type TestEnv } from "../../setup/test-env";

declare module "vitest" {
  export interface ProvidedContext {
    testEnv: TestEnv;
    baseURL: string;
    /** The fake Stripe's URL, or "" when billing is off for this run (E2E_BILLING=off). */
    stripeURL: string;
    /** A file holding everything the web server printed (its JSON log lines), for tests that read the log. */
    webLogFile: string;
    /** The fake Telegram Bot API (`GET /__sent` lists what the bot sent). */
    telegramURL: string;
  }
}

/** The Telegram webhook's secret_token in browser tests (the test plays Telegram delivering `/start`). */
export const E2E_TELEGRAM_SECRET = "e2e-telegram-secret-0123456789";

function start(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile?: string,
): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const echo = process.env.E2E_VERBOSE === "1";
  const keep = (d: Buffer) => logFile && appendFileSync(logFile, d);
  child.stdout?.on("data", (d: Buffer) => (keep(d), echo && process.stdout.write(`[${name}] ${d}`)));
  // The web server's JSON log goes to its file only (tests read it); everything else on stderr is shown.
  child.stderr?.on("data", (d: Buffer) => (keep(d), !logFile && process.stderr.write(`[${name}] ${d}`)));
  return child;
}

async function waitForHealth(baseURL: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseURL}/api/health`);
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy within ${timeoutMs} ms: ${last}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      resolve();
    }, 10_000).unref();
  });
}

export default async function setup(project: TestProject) {
  const testEnv = await createTestEnv("e2e");
  // Exchange keys: the real ccxt client in the app talks to a local fake Bybit.
  const fakeBybit = await startE2eFakeBybit();
  const fakeOkx = await startE2eFakeOkx();
  // A local OpenAI-compatible server (the real openai client talks to it) for the tests that switch the
  // installation to the language model; the built-in strategy stays the default.
  const fakeOpenAI = await startFakeOpenAI(0);
  // Notifications: the app's Telegram bot talks to a local fake of the Bot API.
  const fakeTelegram = await startFakeTelegram();
  const port = Number(process.env.E2E_PORT ?? 3107);
  const baseURL = `http://127.0.0.1:${port}`;
  // Billing: a local fake of Stripe's API that also delivers signed webhooks to the app (E2E_BILLING=off disables).
  const billing = process.env.E2E_BILLING !== "off";
  const stripeSecret = "whsec_e2e_test";
  const fakeStripe = billing
    ? await startFakeStripe({ webhookSecret: stripeSecret, webhookUrl: `${baseURL}/api/stripe/webhook` })
    : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...testEnv,
    NODE_ENV: "production",
    APP_URL: baseURL,
    PORT: String(port),
    WORKER_HEARTBEAT_SECONDS: "2",
    // Trading dashboard: the replay 30× faster (a candle every 2 s) and a decision every 10 s.
    REPLAY_SPEED: "30",
    TICK_INTERVAL_SECONDS: "10",
    BYBIT_API_URL: fakeBybit.url,
    OKX_API_URL: fakeOkx.url,
    DECISION_PROVIDER: "builtin",
    OPENAI_API_KEY: "sk-e2e-not-real",
    OPENAI_BASE_URL: fakeOpenAI.url,
    OPENAI_TIMEOUT_MS: "3000",
    WORKER_EGRESS_IPS: "203.0.113.10, 203.0.113.11",
    ...(fakeStripe && {
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: stripeSecret,
      STRIPE_PRICE_PRO: "price_pro_e2e",
      STRIPE_PRICE_ELITE: "price_elite_e2e",
      STRIPE_API_URL: fakeStripe.url,
    }),
    TELEGRAM_BOT_TOKEN: fakeTelegram.token,
    TELEGRAM_BOT_USERNAME: "tickpilot_e2e_bot",
    TELEGRAM_API_URL: fakeTelegram.url,
    TELEGRAM_WEBHOOK_SECRET: E2E_TELEGRAM_SECRET,
    // GET /api/metrics is on (bearer token) for the admin e2e tests.
    METRICS_TOKEN: "e2e-metrics-token-0123456789abcdef",
  };
  const webLogFile = path.join(mkdtempSync(path.join(tmpdir(), "tickpilot-e2e-")), "web.log");
  const procs = [
    start("worker", "node_modules/.bin/tsx", ["--conditions=react-server", "workers/index.ts"], env),
    start(
      "web",
      "node_modules/.bin/tsx",
      ["server.ts"],
      { ...env, HOST: "127.0.0.1", LOG_LEVEL: "info" },
      webLogFile,
    ),
  ];
  try {
    await waitForHealth(baseURL, 90_000);
  } catch (err) {
    await Promise.all(procs.map(stop));
    await fakeBybit.close();
    await fakeOkx.close();
    await fakeOpenAI.close();
    await fakeStripe?.close();
    await fakeTelegram.close();
    await destroyTestEnv(testEnv);
    const tail = existsSync(webLogFile) ? readFileSync(webLogFile, "utf8").slice(-4000) : "(no output)";
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nweb server output:\n${tail}`);
  }
  project.provide("testEnv", testEnv);
  project.provide("baseURL", baseURL);
  project.provide("stripeURL", fakeStripe?.url ?? "");
  project.provide("webLogFile", webLogFile);
  project.provide("telegramURL", fakeTelegram.url);
  return async () => {
    await Promise.all(procs.map(stop));
    await fakeBybit.close();
    await fakeOkx.close();
    await fakeOpenAI.close();
    await fakeStripe?.close();
    await fakeTelegram.close();
    if (process.env.KEEP_TEST_DB !== "1") await destroyTestEnv(testEnv);
  };
}
