import "server-only";
// The decide job: one tick of one symbol — decisions, then fan-out, then the dashboard event.
import { getSystemSetting } from "@/lib/system/settings";
import { getLogger } from "@/lib/log";
import { fanOut, publishDecision } from "./fan-out";
import { makeDecisions } from "./make-decisions";

const log = getLogger("decide");

export interface TickSummary {
  symbol: string;
  tickTime: number;
  decisions: number;
  providerCalls: number;
  enqueued: number;
  skipped?: string;
}

/** Decide for one symbol at one tick and fan out to eligible users (unless paused or killed). */
export async function runTick(symbol: string, tickTime: Date): Promise<TickSummary> {
  const base = { symbol, tickTime: tickTime.getTime(), decisions: 0, providerCalls: 0, enqueued: 0 };
  if ((await getSystemSetting("pausedSymbols")).includes(symbol))
    return { ...base, skipped: "symbol paused" };
  const result = await makeDecisions(symbol, tickTime);
  const killed = await getSystemSetting("killSwitch");
  let enqueued = 0;
  for (const { decision, userIds } of result.decisions) {
    if (!killed) enqueued += await fanOut(decision, userIds);
    await publishDecision(decision, userIds);
  }
  const summary = {
    ...base,
    decisions: result.decisions.length,
    providerCalls: result.providerCalls,
    enqueued,
  };
  log.info({ ...summary, killed }, "tick done");
  return summary;
}
