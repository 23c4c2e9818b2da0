import "server-only";
// Private WebSocket streams (ccxt pro `watchOrders`, `watchMyTrades`, `watchPositions`) of the live accounts
// that matter most right now: any event on the account — a fill, a triggered stop or target, a trade by the
// owner, a leverage change — asks for a reconcile pass at once, so the ledger follows the exchange within
// seconds. REST passes stay the fallback (and the only path on exchanges without streams): a stream that fails
// backs off and the periodic passes carry on.
import * as ccxt from "ccxt";
import type { Exchange } from "ccxt";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts } from "@/db/schema";
import { openAccountKeys } from "@/lib/crypto/account-keys";
import { env } from "@/lib/env";
import { liveExchange } from "@/lib/exchange/registry";
import { getLogger } from "@/lib/log";
import { liveAccountsToWatch, requestReconcile } from "./schedule";

const log = getLogger("reconcile-streams");

// A ccxt pro client for the account, with the REST and private-stream hosts overridden when configured (tests).
async function proClient(accountId: number): Promise<{ ex: Exchange; market: (s: string) => string } | null> {
  const [acct] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId));
  const config = acct ? liveExchange(acct.exchange) : undefined;
  // Only exchanges whose registry entry declares private streams (Bybit); the others are reconciled over REST.
  if (!acct || !config?.privateWsUrl || !acct.apiKeyEnc || !acct.apiSecretEnc) return null;
  const Pro = (ccxt.pro as unknown as Record<string, new (o: object) => Exchange>)[config.ccxtId];
  if (!Pro) return null;
  const keys = openAccountKeys({
    id: acct.id,
    userId: acct.userId,
    apiKeyEnc: acct.apiKeyEnc,
    apiSecretEnc: acct.apiSecretEnc,
    apiPassphraseEnc: acct.apiPassphraseEnc,
  });
  const ex = new Pro({
    apiKey: keys.apiKey,
    secret: keys.apiSecret,
    password: keys.apiPassphrase,
    // The reconcile pass reads positions over REST (rate-limited): the stream itself only signals.
    options: { ...config.options, watchPositions: { fetchPositionsSnapshot: false } },
  });
  if (acct.testnet) ex.setSandboxMode(true);
  const rest = config.apiUrl();
  const api = ex.urls.api as Record<string, unknown>;
  if (rest) for (const k of Object.keys(api)) if (k !== "ws") api[k] = rest.replace(/\/$/, "");
  const ws = config.privateWsUrl();
  if (ws) {
    const urls = ex.urls as unknown as { api: { ws: { private: Record<string, unknown> } } };
    for (const k of Object.keys(urls.api.ws.private ?? {})) {
      const v = urls.api.ws.private[k];
      const url = `${ws.replace(/\/$/, "")}/v5/private`;
      urls.api.ws.private[k] =
        typeof v === "object" && v ? Object.fromEntries(Object.keys(v).map((n) => [n, url])) : url;
    }
    // ccxt needs an http agent for plain ws:// URLs (a local exchange in tests).
    if (ws.startsWith("ws://")) await ex.loadHttpProxyAgent();
  }
  return { ex, market: config.toMarket };
}

// What is watched on each stream: orders (placed, filled, cancelled, triggered), the account's executions, and its
// positions (a leverage or margin change made on the exchange shows up here first).
const WATCHES = ["watchOrders", "watchMyTrades", "watchPositions"] as const;

interface StreamState {
  stop: boolean;
  ex: Exchange | null;
  client: Promise<Exchange | null> | null;
}

/** Keeps one private stream open per watched account (up to RECONCILE_STREAMS_MAX), open accounts first. */
export class PrivateStreams {
  private readonly running = new Map<number, StreamState>();

  /** Start streams for accounts that should have one and stop the others. */
  async refresh(): Promise<void> {
    const watched = (await liveAccountsToWatch()).sort((a, b) => Number(b.open) - Number(a.open));
    const wanted = new Set(watched.slice(0, env.RECONCILE_STREAMS_MAX).map((a) => a.id));
    for (const [id, s] of this.running) if (!wanted.has(id)) await this.stopOne(id, s);
    for (const id of wanted) if (!this.running.has(id)) this.startOne(id);
  }

  /** Accounts with an open stream now. */
  get size(): number {
    return this.running.size;
  }

  private startOne(accountId: number): void {
    const state: StreamState = { stop: false, ex: null, client: null };
    this.running.set(accountId, state);
    for (const method of WATCHES) void this.watch(accountId, state, method);
  }

  // One subscription of the account's client: each event asks for a pass; a failure backs off (1 s … 60 s) and
  // resubscribes, while the periodic REST passes carry on.
  private async watch(
    accountId: number,
    state: StreamState,
    method: (typeof WATCHES)[number],
  ): Promise<void> {
    let delay = 1_000;
    while (!state.stop) {
      try {
        state.client ??= proClient(accountId).then((c) => (state.ex = c?.ex ?? null));
        const ex = await state.client;
        if (!ex || state.stop) return;
        await (ex as unknown as Record<typeof method, () => Promise<unknown>>)[method]();
        delay = 1_000;
        await requestReconcile(accountId);
      } catch (err) {
        if (state.stop) return;
        // A client that could not be made (e.g. its key) is made again on the next try.
        if (!state.ex) state.client = null;
        log.warn(
          { accountId, stream: method, err: (err as Error).message },
          "private stream failed; REST passes continue",
        );
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(60_000, delay * 2);
      }
    }
  }

  private async stopOne(accountId: number, s: StreamState): Promise<void> {
    s.stop = true;
    this.running.delete(accountId);
    await s.ex?.close().catch(() => undefined);
  }

  /** Close every stream. */
  async close(): Promise<void> {
    for (const [id, s] of [...this.running]) await this.stopOne(id, s);
  }
}
