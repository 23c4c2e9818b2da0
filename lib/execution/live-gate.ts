import "server-only";
// Live exchange jobs in flight per worker process. EXECUTE_CONCURRENCY (1,000) sizes the paper fan-out; live jobs
// keep the 200 in flight they were measured with before (docs/scaling.md): a live exchange sees no more calls per
// second either way (every call takes a token of its per-IP bucket first, lib/exchange/rate-limit.ts), but each
// live job holds a ccxt client, and 1,000 at once took the worker to 1.1–1.4 GB (≈ 0.55 GB gated). A job takes
// a slot at its first call on a live adapter and holds it to its end; paper jobs never wait for one.
import type { ExchangeAdapter } from "@/lib/exchange/types";

/** Live-exchange jobs one worker process runs at once (the execute concurrency shipped before, docs/fanout.md). */
export const LIVE_JOBS_IN_FLIGHT = 200;

let free = LIVE_JOBS_IN_FLIGHT;
const waiting: Array<() => void> = [];

function acquire(): Promise<void> {
  if (free > 0) {
    free--;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else free++;
}

/** One job's gate: `wrap` the adapters it uses, `done()` when the job ends (in a finally). */
export function liveGate() {
  let entered: Promise<void> | null = null;
  const enter = () => (entered ??= acquire());
  return {
    wrap(adapter: ExchangeAdapter): ExchangeAdapter {
      if (adapter.exchange === "paper") return adapter;
      return {
        exchange: adapter.exchange,
        getBalance: () => enter().then(() => adapter.getBalance()),
        getPosition: (s) => enter().then(() => adapter.getPosition(s)),
        getMarketLimits: (s) => enter().then(() => adapter.getMarketLimits(s)),
        setLeverage: (s, l) => enter().then(() => adapter.setLeverage(s, l)),
        placeMarketOrder: (input) => enter().then(() => adapter.placeMarketOrder(input)),
        findOrderByClientId: (s, id) => enter().then(() => adapter.findOrderByClientId(s, id)),
        fetchOpenOrders: (s) => enter().then(() => adapter.fetchOpenOrders(s)),
        fetchFills: (s, since) => enter().then(() => adapter.fetchFills(s, since)),
        cancelOrder: (s, id) => enter().then(() => adapter.cancelOrder(s, id)),
        getPermissions: () => enter().then(() => adapter.getPermissions()),
      };
    },
    done(): void {
      void entered?.then(release);
      entered = null;
    },
  };
}
