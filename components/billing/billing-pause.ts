// What a billing pause means for the user's live account, in sentences (pure: shared by the dashboard notice and
// the auto-trading card). Decided in docs/billing.md: new entries stop, open positions stay protected.
import { formatNumber } from "@/lib/utils";

/** The dashboard's view of a billing pause on the selected live account (null when there is none). */
export interface BillingPauseView {
  /** planFor(user).reason: the exact reason. */
  reason: string;
  /** What ends the pause: a payment that goes through (past due, unpaid, paused) or a plan with live trading. */
  fix: "payment" | "plan";
  accountLabel: string;
  autoTrade: boolean;
  position: {
    symbol: string;
    side: "long" | "short";
    qty: number;
    stopLoss: number | null;
    takeProfit: number | null;
  } | null;
}

/** Which fix a subscription status needs. */
export function pauseFix(status: string | null): BillingPauseView["fix"] {
  return status === "past_due" || status === "unpaid" || status === "paused" ? "payment" : "plan";
}

const level = (label: string, v: number | null) =>
  v === null ? label : `${label} (${formatNumber(v, { decimals: 2 })})`;

/** Three sentences: what happens to the open position, to auto-trading, and what switching to paper does. */
export function pauseExplanation(v: BillingPauseView): {
  position: string;
  autoTrade: string;
  paper: string;
} {
  const until = v.fix === "payment" ? "the payment goes through" : "you choose a plan with live trading";
  const p = v.position;
  const protectedBy = p
    ? `Its ${level("stop-loss", p.stopLoss)} and ${level("take-profit", p.takeProfit)} stay on the exchange`
    : "";
  const position = !p
    ? `You have no open position on ${v.accountLabel}.`
    : v.autoTrade
      ? `Your ${p.symbol} ${p.side} of ${formatNumber(p.qty, { decimals: 4 })} on ${v.accountLabel} stays open. ${protectedBy}, and Tickpilot still closes it when a decision says close.`
      : `Your ${p.symbol} ${p.side} of ${formatNumber(p.qty, { decimals: 4 })} on ${v.accountLabel} stays open. ${protectedBy}; with auto-trading off, close it on the exchange yourself if you want out.`;
  const autoTrade = v.autoTrade
    ? `Auto-trading stays on: buy and sell decisions are skipped on ${v.accountLabel} until ${until}. Each skip is in your trade log with this reason.`
    : `Auto-trading is off, so nothing is traded on ${v.accountLabel}.`;
  const paper = `Switching to your paper account keeps auto-trading going with simulated money. A live position then stays on ${v.accountLabel} with its stop-loss and take-profit, but Tickpilot no longer closes it.`;
  return { position, autoTrade, paper };
}
