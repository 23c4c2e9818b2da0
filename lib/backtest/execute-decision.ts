// One decision executed on a simulated account with the execute job's rules (pure): the confidence floor,
// close / keep / flip / open (plan-execution.ts), sizing on the balance after a flip's close, and the order
// on the paper exchange's planner. The guards that need the database (kill switches, plan state, daily loss
// limit) are the live job's own; a backtest account has none of them switched on.
import type { RiskLevel } from "@/lib/decision/build-prompt";
import type { DecisionOutput } from "@/lib/decision/schema";
import { closeStep, confidenceSkip, entryStep, planEntry } from "@/lib/execution/plan-execution";
import type { Candle } from "@/lib/market/types";
import { SIM_LIMITS, type SimAccount } from "./sim-account";

/** The account owner's settings that execution reads. */
export interface AccountSettings {
  riskLevel: RiskLevel;
  maxLeverage: number;
  minConfidence: number;
  planMaxLeverage: number;
}

/** What a decision did on the account (the trade log row a user would see). */
export type DecisionOutcome =
  { status: "filled"; kind: "open" | "flip" | "close" } | { status: "skipped" | "failed"; reason: string };

type Decision = Pick<DecisionOutput, "action" | "confidence" | "leverage" | "stop_loss" | "take_profit">;

/** Execute `decision` at `candle` (its close is the latest price; its open time is when the orders go out). */
export function executeDecision(
  account: SimAccount,
  decision: Decision,
  settings: AccountSettings,
  candle: Candle,
): DecisionOutcome {
  const skip = (reason: string): DecisionOutcome => ({ status: "skipped", reason });
  const fail = (reason: string): DecisionOutcome => ({ status: "failed", reason });
  const low = confidenceSkip(decision.confidence, settings.minConfidence);
  if (low) return skip(low);
  const pos = account.position;
  if (decision.action === "close") {
    const step = closeStep(pos);
    if (step.kind === "skip") return skip(step.reason);
    const err = account.order(
      { side: step.side, qty: step.qty, reduceOnly: true },
      pos!.leverage,
      candle,
      candle.t,
    );
    return err ? fail(err) : { status: "filled", kind: "close" };
  }
  if (decision.action !== "buy" && decision.action !== "sell") return skip("Hold: nothing to do.");
  const step = entryStep(decision.action, pos);
  if (step.kind === "skip") return skip(step.reason);
  if (step.closeFirst) {
    const err = account.order({ ...step.closeFirst, reduceOnly: true }, pos!.leverage, candle, candle.t);
    if (err) return fail(err);
  }
  const entry = planEntry({
    side: step.side,
    price: candle.c,
    balance: account.summary(candle.c),
    decision: { leverage: decision.leverage, stopLoss: decision.stop_loss, takeProfit: decision.take_profit },
    settings,
    planMaxLeverage: settings.planMaxLeverage,
    limits: SIM_LIMITS,
  });
  if (!entry.ok) return skip(entry.reason);
  const err = account.order(
    { side: step.side, qty: entry.qty, stopLoss: entry.stopLoss, takeProfit: entry.takeProfit },
    entry.leverage,
    candle,
    candle.t,
  );
  if (err) return fail(err);
  return { status: "filled", kind: step.closeFirst ? "flip" : "open" };
}
