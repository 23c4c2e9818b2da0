// The execute worker's cap on live-exchange jobs in flight: a job's first call on a live adapter waits for one of
// LIVE_JOBS_IN_FLIGHT slots and frees it when the job ends; paper adapters never wait.
import { describe, expect, it } from "vitest";
import type { ExchangeAdapter } from "@/lib/exchange/types";
import { LIVE_JOBS_IN_FLIGHT, liveGate } from "@/lib/execution/live-gate";

function fakeAdapter(exchange: string, calls: string[]): ExchangeAdapter {
  const call = (name: string) => async () => {
    calls.push(name);
    return null as never;
  };
  return {
    exchange,
    getBalance: call("getBalance"),
    getPosition: call("getPosition"),
    getMarketLimits: call("getMarketLimits"),
    setLeverage: call("setLeverage"),
    placeMarketOrder: call("placeMarketOrder"),
    findOrderByClientId: call("findOrderByClientId"),
    fetchOpenOrders: call("fetchOpenOrders"),
    fetchFills: call("fetchFills"),
    cancelOrder: call("cancelOrder"),
    getPermissions: call("getPermissions"),
  };
}
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("liveGate", () => {
  it("lets LIVE_JOBS_IN_FLIGHT live jobs call at once; the next one waits until a job ends", async () => {
    const calls: string[] = [];
    const jobs = Array.from({ length: LIVE_JOBS_IN_FLIGHT + 1 }, () => liveGate());
    const adapters = jobs.map((g) => g.wrap(fakeAdapter("bybit", calls)));
    // A job holds one slot however many calls it makes, in parallel or one after another.
    await Promise.all(
      adapters.slice(0, -1).map((a) => Promise.all([a.getBalance(), a.getPosition("BTCUSDT")])),
    );
    await adapters[0]!.placeMarketOrder({} as never);
    expect(calls).toHaveLength(LIVE_JOBS_IN_FLIGHT * 2 + 1);

    let lastDone = false;
    const last = adapters
      .at(-1)!
      .getBalance()
      .then(() => (lastDone = true));
    await tick();
    expect(lastDone).toBe(false);

    // A paper job never waits for a slot.
    const paper = liveGate();
    await paper.wrap(fakeAdapter("paper", calls)).getBalance();
    paper.done();

    jobs[0]!.done();
    await last;
    expect(lastDone).toBe(true);
    for (const g of jobs.slice(1)) g.done();
    await tick();
  });
});
